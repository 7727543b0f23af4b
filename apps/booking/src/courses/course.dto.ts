import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  LEVELS,
  PACES,
  TARGET_LANGUAGES,
  type Level,
  type Pace,
  type TargetLanguage,
} from '@kotoportti/model';
import { IsCalendarDate, OneOf, OptionalText, Text } from '@kotoportti/platform';
import { IsLevelNotBelow, IsNotBefore } from './cross-field-rules';

/** The database allows 1–1000 seats per course (courses_seats_range). */
export const MAX_SEATS = 1000;

export class CreateCourseDto {
  @ApiProperty({ example: 'Suomea työelämään, perustaso' })
  @Text(200)
  name: string;

  @ApiProperty({ enum: TARGET_LANGUAGES })
  @OneOf(TARGET_LANGUAGES)
  targetLanguage: TargetLanguage;

  @ApiProperty({ enum: PACES })
  @OneOf(PACES)
  pace: Pace;

  @ApiProperty({ enum: LEVELS, description: 'Lowest start level the course accepts' })
  @OneOf(LEVELS)
  minLevel: Level;

  @ApiProperty({ enum: LEVELS, description: 'Highest start level the course accepts' })
  @OneOf(LEVELS)
  @IsLevelNotBelow('minLevel')
  maxLevel: Level;

  @ApiProperty({ example: '2026-09-01', format: 'date' })
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ example: '2027-05-28', format: 'date' })
  @IsCalendarDate()
  @IsNotBefore('startsOn')
  endsOn: string;

  @ApiProperty({ example: 'Mon–Thu 9.00–13.00', description: 'The weekly schedule in words' })
  @Text(500)
  schedule: string;

  @ApiProperty({ example: 'Opintokeskus, room 2' })
  @Text(200)
  location: string;

  @ApiProperty({ example: 'Hämeentie 1, 00530 Helsinki' })
  @Text(300)
  address: string;

  @ApiPropertyOptional({ description: 'The region (ELY centre) the course serves' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @ApiProperty({ minimum: 1, maximum: MAX_SEATS })
  @IsInt()
  @Min(1)
  @Max(MAX_SEATS)
  seats: number;

  @ApiPropertyOptional()
  @OptionalText(2000)
  notes?: string;

  @ApiPropertyOptional({ description: 'Childcare available during lessons' })
  @IsOptional()
  @IsBoolean()
  childcare?: boolean;

  @ApiPropertyOptional({ description: 'An evening course' })
  @IsOptional()
  @IsBoolean()
  evening?: boolean;
}

export class ChangeSeatsDto {
  @ApiProperty({ minimum: 1, maximum: MAX_SEATS, description: 'Never below the seats taken' })
  @IsInt()
  @Min(1)
  @Max(MAX_SEATS)
  seats: number;
}

export class CancelCourseDto {
  @ApiProperty({ example: 'Too few participants', description: 'Shown to the offices' })
  @Text(1000)
  reason: string;
}
