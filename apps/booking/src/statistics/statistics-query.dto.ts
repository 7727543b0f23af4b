import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import {
  LEVELS,
  PACES,
  TARGET_LANGUAGES,
  type Level,
  type Pace,
  type TargetLanguage,
} from '@kotoportti/model';
import { IsCalendarDate, OneOf } from '@kotoportti/platform';
import { IsNotBefore } from '../courses/cross-field-rules';
import { Dimensions, OrganisationFilter, PlacementTargets } from './statistics-fields';

export const FORMATS = ['json', 'csv'] as const;
export const SEPARATORS = ['comma', 'semicolon'] as const;

/** What every statistics endpoint takes: a date range and the answer's format. */
export class StatisticsRangeDto {
  @ApiPropertyOptional({
    format: 'date',
    description:
      'First day of the range (default: the first day of the month 11 months before `to`)',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of the range (default: today)' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  to?: string;

  @ApiPropertyOptional({ enum: FORMATS, default: 'json' })
  @IsOptional()
  @OneOf(FORMATS)
  format?: (typeof FORMATS)[number];

  @ApiPropertyOptional({
    enum: SEPARATORS,
    default: 'comma',
    description: 'CSV only: semicolon also writes decimal commas, for Finnish and Swedish Excel',
  })
  @IsOptional()
  @OneOf(SEPARATORS)
  separator?: (typeof SEPARATORS)[number];
}

export const QUEUE_DIMENSIONS = ['targetLanguage', 'pace', 'level', 'region'] as const;
export const QUEUE_TABLES = ['now', 'series'] as const;

export class QueuesQueryDto extends StatisticsRangeDto {
  @OrganisationFilter('region')
  region?: string;

  @OrganisationFilter('employment office')
  office?: string;

  @ApiPropertyOptional({ enum: TARGET_LANGUAGES })
  @IsOptional()
  @OneOf(TARGET_LANGUAGES)
  targetLanguage?: TargetLanguage;

  @ApiPropertyOptional({ enum: PACES })
  @IsOptional()
  @OneOf(PACES)
  pace?: Pace;

  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @OneOf(LEVELS)
  level?: Level;

  @Dimensions(QUEUE_DIMENSIONS)
  by?: string[];

  /** The daily series is long; it defaults to fewer breakdowns than the table of today. */
  @Dimensions(QUEUE_DIMENSIONS, 'targetLanguage,pace')
  seriesBy?: string[];

  @ApiPropertyOptional({ enum: QUEUE_TABLES, description: 'CSV only: which table to download' })
  @IsOptional()
  @OneOf(QUEUE_TABLES)
  table?: (typeof QUEUE_TABLES)[number];
}

export const WAITING_DIMENSIONS = ['month', 'pace', 'level', 'region'] as const;

export class WaitingTimesQueryDto extends StatisticsRangeDto {
  @OrganisationFilter('region')
  region?: string;

  @OrganisationFilter('employment office')
  office?: string;

  @OrganisationFilter('test centre')
  centre?: string;

  @Dimensions(WAITING_DIMENSIONS)
  by?: string[];

  @PlacementTargets()
  targets?: number[];

  @ApiPropertyOptional({
    format: 'date',
    description:
      'The day the figures are taken on (default today): who had been placed or was still waiting then',
  })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  asOf?: string;
}

export const RECOMMENDATION_DIMENSIONS = ['month', 'centre'] as const;

export class RecommendationsQueryDto extends StatisticsRangeDto {
  @OrganisationFilter('region')
  region?: string;

  @OrganisationFilter('employment office')
  office?: string;

  @OrganisationFilter('test centre')
  centre?: string;

  @Dimensions(RECOMMENDATION_DIMENSIONS)
  by?: string[];
}

export const TEST_DIMENSIONS = ['month', 'centre'] as const;

export class TestsQueryDto extends StatisticsRangeDto {
  @OrganisationFilter('region')
  region?: string;

  @OrganisationFilter('employment office')
  office?: string;

  @OrganisationFilter('test centre')
  centre?: string;

  @Dimensions(TEST_DIMENSIONS)
  by?: string[];
}

export const COURSE_DIMENSIONS = ['month', 'provider', 'pace'] as const;

export class CoursesQueryDto extends StatisticsRangeDto {
  @OrganisationFilter('region')
  region?: string;

  @OrganisationFilter('employment office')
  office?: string;

  @OrganisationFilter('course provider')
  provider?: string;

  @Dimensions(COURSE_DIMENSIONS)
  by?: string[];
}
