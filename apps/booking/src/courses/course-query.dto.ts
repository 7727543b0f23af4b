import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  LEVELS,
  PACES,
  TARGET_LANGUAGES,
  type Level,
  type Pace,
  type TargetLanguage,
} from '@kotoportti/model';
import { IsCalendarDate, OneOf } from '@kotoportti/platform';
import { IsNotBefore } from './cross-field-rules';

/** Query strings carry text; anything but 'true' or 'false' stays as it is and fails. */
const booleanFromQuery = Transform(({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value,
);

export class ListCoursesDto {
  @ApiPropertyOptional({
    description:
      'true: only published courses with free seats that have not ended; false or absent: all',
  })
  @IsOptional()
  @booleanFromQuery
  @IsBoolean()
  available?: boolean;

  @ApiPropertyOptional({ enum: TARGET_LANGUAGES })
  @IsOptional()
  @OneOf(TARGET_LANGUAGES)
  targetLanguage?: TargetLanguage;

  @ApiPropertyOptional({ enum: PACES })
  @IsOptional()
  @OneOf(PACES)
  pace?: Pace;

  @ApiPropertyOptional({ enum: LEVELS, description: 'Courses whose level range contains it' })
  @IsOptional()
  @OneOf(LEVELS)
  level?: Level;

  @ApiPropertyOptional({ format: 'date', description: 'Courses starting on or after this day' })
  @IsOptional()
  @IsCalendarDate()
  startFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Courses starting on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('startFrom')
  startTo?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  /** Bounded, so that a huge offset is a 400 here rather than an out-of-range in SQL. */
  @ApiPropertyOptional({ minimum: 0, maximum: 1_000_000, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
