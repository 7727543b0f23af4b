import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import {
  TARGET_LANGUAGES,
  TEST_KINDS,
  type TargetLanguage,
  type TestKind,
} from '@kotoportti/model';
import { IsCalendarDate, OneOf, Text, ZonedDateTime } from '@kotoportti/platform';

/** The most places one session may offer; also the database's CHECK. */
export const MAX_CAPACITY = 500;
/** A pattern longer than a year is a planning mistake more likely than a plan. */
export const MAX_PATTERN_WEEKS = 52;

/** Repeat the session weekly, on the same weekday and the same Helsinki wall-clock time. */
export class RepeatWeeklyDto {
  @ApiPropertyOptional({ description: 'How many sessions in all, the first included', example: 8 })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(MAX_PATTERN_WEEKS)
  weeks?: number;

  @ApiPropertyOptional({ description: 'Last day a session may fall on (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  until?: string;
}

export class CreateTestSessionDto {
  @ApiProperty({ enum: TEST_KINDS })
  @OneOf(TEST_KINDS)
  kind: TestKind;

  @ApiProperty({ enum: TARGET_LANGUAGES })
  @OneOf(TARGET_LANGUAGES)
  targetLanguage: TargetLanguage;

  @ApiProperty({ example: '2026-03-31T09:00:00+03:00' })
  @ZonedDateTime()
  startsAt: string;

  @ApiProperty({ example: '2026-03-31T12:00:00+03:00' })
  @ZonedDateTime()
  endsAt: string;

  @ApiProperty({ description: 'The room; a room holds one session at a time', example: 'Room 2' })
  @Text(100)
  location: string;

  @ApiProperty({ example: 'Siltasaarenkatu 18, 00530 Helsinki' })
  @Text(300)
  address: string;

  @ApiProperty({ minimum: 1, maximum: MAX_CAPACITY })
  @IsInt()
  @Min(1)
  @Max(MAX_CAPACITY)
  capacity: number;

  @ApiPropertyOptional({ type: RepeatWeeklyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RepeatWeeklyDto)
  repeat?: RepeatWeeklyDto;
}

export class CancelTestSessionDto {
  @ApiProperty({ description: 'Shown to the offices whose clients were booked' })
  @Text(500)
  reason: string;
}

/** Query strings carry text: only the words true and false are booleans. */
const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );

export class ListTestSessionsDto {
  @ApiPropertyOptional({ description: 'First Helsinki day (YYYY-MM-DD); default today' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last Helsinki day, inclusive (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: TARGET_LANGUAGES })
  @IsOptional()
  @OneOf(TARGET_LANGUAGES)
  targetLanguage?: TargetLanguage;

  @ApiPropertyOptional({ enum: TEST_KINDS })
  @IsOptional()
  @OneOf(TEST_KINDS)
  kind?: TestKind;

  @ApiPropertyOptional({ description: 'Test centre id' })
  @IsOptional()
  @IsUUID()
  centre?: string;

  @ApiPropertyOptional({ description: 'Test centre id (same as centre)' })
  @IsOptional()
  @IsUUID()
  centreId?: string;

  @ApiPropertyOptional({ description: 'Only scheduled future sessions with places left' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  available?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
