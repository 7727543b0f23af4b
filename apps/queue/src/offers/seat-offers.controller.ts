import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { SEAT_OFFER_STATUSES, type SeatOfferStatus } from '@kotoportti/model';
import {
  Actor,
  CurrentActor,
  OneOf,
  RequestWithActor,
  Roles,
  UuidParam,
} from '@kotoportti/platform';
import { DeclineOfferDto } from '../entries/entry-actions.dto';
import { SeatOffersService } from './seat-offers.service';

export class OffersQueryDto {
  @ApiPropertyOptional({ enum: SEAT_OFFER_STATUSES })
  @IsOptional()
  @OneOf(SEAT_OFFER_STATUSES)
  status?: SeatOfferStatus;
}

/** Released seats held for the head of the queue, shown to the client's office. */
@ApiTags('seat offers')
@ApiBearerAuth()
@Roles('official')
@Controller('api/seat-offers')
export class SeatOffersController {
  constructor(private readonly offers: SeatOffersService) {}

  @Get()
  @ApiOperation({ summary: "Offers made to the office's clients, newest first" })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: OffersQueryDto,
    @Req() request: RequestWithActor,
  ) {
    return this.offers.list(actor, query.status, request.requestId);
  }

  @Post(':id/book')
  @ApiOperation({
    summary: 'Book the held seat for the client (409 offer-expired, offer-not-open)',
  })
  book(@CurrentActor() actor: Actor, @UuidParam() id: string, @Req() request: RequestWithActor) {
    return this.offers.book(actor, id, request.requestId);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline with a reason; the seat is offered to the next in line' })
  decline(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: DeclineOfferDto,
    @Req() request: RequestWithActor,
  ) {
    return this.offers.decline(actor, id, body.reason, request.requestId);
  }
}
