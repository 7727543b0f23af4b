import { Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles, UuidParam } from '@kotoportti/platform';
import { noticeKey } from './form-values';
import { OfficialCourses } from './official/official-courses';
import type { PageRequest } from './page-locals';
import { ProviderCourses } from './provider/provider-courses';
import { renderPage, WebController } from './web-controller';

const uuidOrNothing = (value: unknown) =>
  typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value) ? value : undefined;

/**
 * /courses is both roles' word for their courses: officials browse every provider's courses
 * with free seats, a provider sees its own with their participants.
 */
@Roles('official', 'provider')
@WebController('courses')
export class CoursesPagesController {
  constructor(
    private readonly official: OfficialCourses,
    private readonly provider: ProviderCourses,
  ) {}

  @Get()
  async list(
    @CurrentActor() actor: Actor,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Query('clientId') clientId?: string,
  ) {
    if (actor.role === 'provider') {
      renderPage(response, 'provider/courses', await this.provider.list(actor));
      return;
    }
    const model = await this.official.list(actor, uuidOrNothing(clientId), request.requestId);
    renderPage(response, 'official/courses', model);
  }

  @Get(':id')
  async page(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: PageRequest,
    @Res() response: Response,
    @Query() query: Record<string, unknown>,
  ) {
    const notice = noticeKey(query.notice);
    if (actor.role === 'provider') {
      const model = await this.provider.page(actor, id, request.requestId);
      renderPage(response, 'provider/course', { ...model, notice });
      return;
    }
    const clientId = uuidOrNothing(query.clientId);
    const model = await this.official.page(actor, id, clientId, request.requestId);
    renderPage(response, 'official/course', { ...model, notice });
  }
}
