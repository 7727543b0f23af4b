import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
} from 'class-validator';

/**
 * The query fields the statistics endpoints share. Each endpoint's DTO declares only the
 * filters that mean something for its figures, so any other one is refused by the
 * validation pipe with a 400 naming it.
 */

/** `a,b` or `?x=a&x=b` both arrive as ['a', 'b']; an empty value means "none". */
const listFromQuery = Transform(({ value }: { value: unknown }) => {
  if (typeof value === 'string') return value === '' ? [] : value.split(',');
  return value;
});

export const OrganisationFilter = (what: string) =>
  applyDecorators(
    ApiPropertyOptional({ format: 'uuid', description: `Only the figures of this ${what}` }),
    IsOptional(),
    IsUUID('all', { message: `$property must be the UUID of a ${what}` }),
  );

/** Which dimensions the rows are broken down by; fewer dimensions, fewer suppressed cells. */
export const Dimensions = (allowed: readonly string[], defaults = 'all of them') =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      description: `Comma-separated subset of ${allowed.join(', ')}; default ${defaults}, empty for one total row`,
    }),
    IsOptional(),
    listFromQuery,
    IsArray(),
    ArrayUnique(),
    IsIn(allowed as string[], {
      each: true,
      message: `$property must list only: ${allowed.join(', ')}`,
    }),
  );

export const PlacementTargets = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      example: '30,90',
      description:
        'Days from queue entry within which a placement counts as on target (default 30,90: the targets Swedish municipalities use)',
    }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => {
      const list = typeof value === 'string' ? (value === '' ? [] : value.split(',')) : value;
      return Array.isArray(list)
        ? list.map((item) => (/^\d{1,6}$/.test(String(item)) ? Number(item) : item))
        : list;
    }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(4),
    ArrayUnique(),
    IsInt({ each: true, message: '$property must be whole numbers of days' }),
    Min(1, { each: true, message: '$property must be at least 1 day' }),
    Max(730, { each: true, message: '$property must be at most 730 days' }),
  );
