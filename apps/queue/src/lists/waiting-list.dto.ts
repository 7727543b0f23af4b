import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  LEVELS,
  PACES,
  TARGET_LANGUAGES,
  type Level,
  type Pace,
  type TargetLanguage,
} from '@kotoportti/model';
import { OneOf } from '@kotoportti/platform';

/** The filters every queue listing shares; each is optional. */
export class QueueFilterDto {
  @ApiPropertyOptional({ enum: TARGET_LANGUAGES })
  @IsOptional()
  @OneOf(TARGET_LANGUAGES)
  targetLanguage?: TargetLanguage;

  @ApiPropertyOptional({ enum: PACES })
  @IsOptional()
  @OneOf(PACES)
  pace?: Pace;

  @ApiPropertyOptional({ enum: LEVELS, description: 'The start level of the queue' })
  @IsOptional()
  @OneOf(LEVELS)
  level?: Level;
}

export class WaitingListsQueryDto extends QueueFilterDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the queues of this region' })
  @IsOptional()
  @IsUUID('all', { message: 'regionId must be a UUID' })
  regionId?: string;
}

export const ENTRY_SCOPES = ['office', 'region'] as const;
export type EntryScope = (typeof ENTRY_SCOPES)[number];

export class EntriesQueryDto extends QueueFilterDto {
  @ApiPropertyOptional({
    enum: ENTRY_SCOPES,
    default: 'office',
    description:
      "office: the office's own clients; region: every client queued in the office's region, " +
      'other offices’ clients without name or id',
  })
  @IsOptional()
  @IsIn(ENTRY_SCOPES, { message: 'scope must be office or region' })
  scope?: EntryScope;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
