import { Body, Controller, Get, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { LetterRequestDto, ListLettersDto } from './letter.dto';
import { LettersService } from './letters.service';

export function pdfResponse(response: Response, pdf: Buffer, filename: string): StreamableFile {
  response.setHeader('Content-Type', 'application/pdf');
  response.setHeader('Content-Disposition', `inline; filename="${filename}"`);
  response.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(pdf);
}

@ApiTags('letters')
@ApiBearerAuth()
@Roles('official')
@Controller('api/letters')
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  /** Prints the letter at once and keeps it; 503 with Retry-After when the printer is saturated. */
  @Post()
  create(
    @CurrentActor() actor: Actor,
    @Body() body: LetterRequestDto,
    @Req() request: RequestWithActor,
  ) {
    return this.letters.create(actor, body, request.requestId);
  }

  @Get()
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListLettersDto,
    @Req() request: RequestWithActor,
  ) {
    return this.letters.list(actor, query.clientId, request.requestId);
  }

  /**
   * The letter as HTML, to look at in the browser before printing. The type is set only on
   * success: @Header would also label a JSON error answer as HTML.
   */
  @Get('preview')
  @ApiProduces('text/html')
  async preview(
    @CurrentActor() actor: Actor,
    @Query() query: LetterRequestDto,
    @Req() request: RequestWithActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const html = await this.letters.preview(actor, query, request.requestId);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'private, no-store');
    return html;
  }

  @Get(':id/pdf')
  @ApiProduces('application/pdf')
  async pdf(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: RequestWithActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { pdf, filename } = await this.letters.pdf(actor, id, request.requestId);
    return pdfResponse(response, pdf, filename);
  }
}
