import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { LETTER_KINDS, type LetterKind } from '@kotoportti/model';
import { LanguageCode, OneOf } from '@kotoportti/platform';

/** Which letter: the kind and the id of what it is about. Used for printing and for previews. */
export class LetterRequestDto {
  @ApiProperty({ enum: LETTER_KINDS })
  @OneOf(LETTER_KINDS)
  kind: LetterKind;

  @ApiPropertyOptional({ description: 'Required for a test-invitation' })
  @ValidateIf((dto: LetterRequestDto) => dto.kind === 'test-invitation')
  @IsUUID('all', { message: 'bookingId must be the UUID of a test booking' })
  bookingId?: string;

  @ApiPropertyOptional({ description: 'Required for a course-place letter' })
  @ValidateIf((dto: LetterRequestDto) => dto.kind === 'course-place')
  @IsUUID('all', { message: 'seatId must be the UUID of a course seat' })
  seatId?: string;

  @ApiPropertyOptional({ description: 'Required for a waiting-list letter' })
  @ValidateIf((dto: LetterRequestDto) => dto.kind === 'waiting-list')
  @IsUUID('all', { message: 'waitingListEntryId must be the UUID of a waiting-list entry' })
  waitingListEntryId?: string;

  @ApiPropertyOptional({
    description: "The client's block language; default: the client's letter language",
  })
  @IsOptional()
  @LanguageCode()
  language?: string;
}

export class ListLettersDto {
  @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId: string;
}

/** What the API tells about a stored letter; the PDF itself is fetched separately. */
export interface LetterSummary {
  id: string;
  kind: LetterKind;
  clientId: string;
  testBookingId: string | null;
  seatId: string | null;
  batchId: string | null;
  language: string;
  officeLanguage: string;
  templateVersion: string;
  sha256: string;
  sizeBytes: number;
  createdBy: string;
  createdAt: Date;
}

export function subjectIdOf(dto: LetterRequestDto): string {
  switch (dto.kind) {
    case 'test-invitation':
      return dto.bookingId!;
    case 'course-place':
      return dto.seatId!;
    case 'waiting-list':
      return dto.waitingListEntryId!;
  }
}
