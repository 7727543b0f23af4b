import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, RequestWithActor, Roles, UuidParam } from '@kotoportti/platform';
import { pdfResponse } from '../letters/letters.controller';
import { CreateLetterBatchDto } from './letter-batch.dto';
import { LetterBatchesService } from './letter-batches.service';

@ApiTags('letters')
@ApiBearerAuth()
@Roles('official')
@Controller('api/letters/batch')
export class LetterBatchesController {
  constructor(private readonly batches: LetterBatchesService) {}

  /** Accepted at once; printed in the background. Poll GET …/batch/:id for done/total. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateLetterBatchDto,
    @Req() request: RequestWithActor,
  ) {
    return this.batches.create(actor, body, request.requestId);
  }

  @Get(':id')
  view(@CurrentActor() actor: Actor, @UuidParam() id: string) {
    return this.batches.view(actor, id);
  }

  @Get(':id/pdf')
  @ApiProduces('application/pdf')
  async pdf(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Req() request: RequestWithActor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const pdf = await this.batches.pdf(actor, id, request.requestId);
    return pdfResponse(response, pdf, `letters-${id.slice(0, 8)}.pdf`);
  }
}
