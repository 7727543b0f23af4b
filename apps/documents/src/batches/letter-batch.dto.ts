import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { LETTER_KINDS, type LetterBatchStatus, type LetterKind } from '@kotoportti/model';
import { IsCalendarDate, OneOf } from '@kotoportti/platform';

/** A batch holds at most this many letters: a day of a large office, with room to spare. */
export const MAX_BATCH_LETTERS = 5000;

/** An optional list of ids of one kind of record, at most a batch's worth. */
const Ids = (what: string) =>
  applyDecorators(
    IsOptional(),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_BATCH_LETTERS),
    IsUUID('all', { each: true, message: `each of $property must be the UUID of a ${what}` }),
  );

/**
 * What to print: all invitations of one day's test sessions (the common case: tomorrow's),
 * or explicit test bookings, seats or waiting-list entries. Exactly one selector.
 */
export class CreateLetterBatchDto {
  @ApiPropertyOptional({ enum: LETTER_KINDS, default: 'test-invitation' })
  @IsOptional()
  @OneOf(LETTER_KINDS)
  kind?: LetterKind;

  @ApiPropertyOptional({ description: "Invitations to this day's test sessions (Helsinki time)" })
  @IsOptional()
  @IsCalendarDate()
  sessionDate?: string;

  @ApiPropertyOptional({ type: [String] })
  @Ids('test booking')
  bookingIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Ids('course seat')
  seatIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @Ids('waiting-list entry')
  waitingListEntryIds?: string[];
}

export interface LetterBatchView {
  id: string;
  kind: LetterKind;
  status: LetterBatchStatus;
  total: number;
  done: number;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  error: string | null;
}
