import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** The single error shape of SPEC §4, for the OpenAPI document. */
export class ErrorBodyDto {
  @ApiProperty({ example: 409 })
  statusCode: number;

  @ApiProperty({ example: 'Conflict' })
  error: string;

  @ApiProperty({ example: 'session-full', description: 'Stable machine-readable code' })
  code: string;

  @ApiProperty()
  message: string;

  @ApiPropertyOptional({ description: 'For 400: one entry per offending field' })
  details?: unknown;
}

export interface ApiErrorOptions {
  /** What may be missing, e.g. 'Test session'; omit when the route has no :id. */
  notFound?: string;
  /** The 409 codes the route can answer. */
  conflicts?: string[];
  /** Set for routes without a body or query to validate. */
  noInput?: boolean;
}

/** Documents every error a route can answer, so the OpenAPI document tells clients. */
export function ApiErrors(options: ApiErrorOptions = {}) {
  const decorators = [
    ApiResponse({ status: 401, description: 'Not signed in', type: ErrorBodyDto }),
    ApiResponse({ status: 403, description: 'Your role may not do this', type: ErrorBodyDto }),
  ];
  if (!options.noInput || options.notFound) {
    decorators.push(
      ApiResponse({
        status: 400,
        description: 'Bad input (code invalid-input); details name each offending field',
        type: ErrorBodyDto,
      }),
    );
  }
  if (options.notFound) {
    decorators.push(
      ApiResponse({
        status: 404,
        description: `${options.notFound} not found, or outside your organisation (SPEC §1)`,
        type: ErrorBodyDto,
      }),
    );
  }
  if (options.conflicts?.length) {
    decorators.push(
      ApiResponse({
        status: 409,
        description: `Conflict; code is one of: ${options.conflicts.join(', ')}`,
        type: ErrorBodyDto,
      }),
    );
  }
  return applyDecorators(...decorators);
}
