import { Controller, Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { ApiErrors, ErrorBodyDto } from '../test-sessions/api-errors';
import { clientExportHtml } from './client-export-html';
import { ClientExportQueryDto } from './client-export.dto';
import { ClientExportService } from './client-export.service';
import { ExportPdf } from './export-pdf';

@ApiTags('privacy')
@ApiBearerAuth()
@Roles('official')
@Controller('api/clients')
export class ClientExportController {
  constructor(
    private readonly exports: ClientExportService,
    private readonly pdf: ExportPdf,
  ) {}

  @Get(':id/export')
  @ApiOperation({
    summary: 'Subject-access export: everything held about the client, as JSON or a readable PDF',
  })
  @ApiProduces('application/json', 'application/pdf')
  @ApiErrors({ notFound: 'Client' })
  @ApiResponse({
    status: 503,
    description: 'PDF only: other exports are being printed (code renderer-busy); see Retry-After',
    type: ErrorBodyDto,
  })
  async export(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Query() query: ClientExportQueryDto,
    @Req() request: RequestWithActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const format = query.format ?? 'json';
    const read = () => this.exports.export(actor, id, format, request.requestId);
    response.setHeader('Cache-Control', 'no-store');
    if (format === 'json') return read();
    const pdf = await this.pdf.print(async () => clientExportHtml(await read()));
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="client-${id}.pdf"`,
    });
  }
}
