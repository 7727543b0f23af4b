import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmptyObject, IsOptional, ValidateNested } from 'class-validator';
import {
  DROPOUT_REASONS,
  FOLLOW_UP_OUTCOMES,
  LEVELS,
  type DropoutReason,
  type FollowUpOutcome,
  type Level,
} from '@kotoportti/model';
import { IsCalendarDate, OneOf, OptionalText } from '@kotoportti/platform';

/** Every report names the day the thing happened, which is not the day it was typed in. */
export class SeatReportDto {
  @ApiProperty({ format: 'date', description: 'Not in the future; not before the course starts' })
  @IsCalendarDate()
  date: string;

  @ApiPropertyOptional({ description: 'Anything the office should know' })
  @OptionalText(2000)
  text?: string;
}

export class CancelSeatDto {
  @ApiProperty({ format: 'date', description: 'The day of cancelling; not in the future' })
  @IsCalendarDate()
  date: string;

  @ApiPropertyOptional({ description: 'Why the seat is cancelled' })
  @OptionalText(2000)
  reason?: string;
}

export class DropoutDto extends SeatReportDto {
  @ApiProperty({ enum: DROPOUT_REASONS })
  @OneOf(DROPOUT_REASONS)
  reason: DropoutReason;
}

export class SkillLevelsDto {
  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @OneOf(LEVELS)
  listening?: Level;

  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @OneOf(LEVELS)
  speaking?: Level;

  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @OneOf(LEVELS)
  reading?: Level;

  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @OneOf(LEVELS)
  writing?: Level;
}

export class CompletionDto extends SeatReportDto {
  @ApiProperty({ type: SkillLevelsDto, description: 'Levels reached, at least one skill' })
  @ValidateNested()
  @Type(() => SkillLevelsDto)
  @IsNotEmptyObject({ nullable: false }, { message: 'levels must name at least one skill' })
  levels: SkillLevelsDto;
}

export class FollowUpDto extends SeatReportDto {
  @ApiProperty({ enum: FOLLOW_UP_OUTCOMES })
  @OneOf(FOLLOW_UP_OUTCOMES)
  outcome: FollowUpOutcome;
}
