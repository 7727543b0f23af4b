import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { CandidatesQueryDto } from './candidates.dto';
import { CandidatesService } from './candidates.service';

@ApiTags('waiting lists')
@ApiBearerAuth()
@Roles('official')
@Controller('api/courses')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Get(':id/candidates')
  @ApiOperation({
    summary:
      'Waiting clients who fit the course, in queue order (its region first), and seats left',
  })
  list(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Query() query: CandidatesQueryDto,
    @Req() request: RequestWithActor,
  ) {
    return this.candidates.forCourse(actor, id, query.limit ?? 50, request.requestId);
  }
}
