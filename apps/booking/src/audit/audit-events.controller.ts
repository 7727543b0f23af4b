import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { InvalidInput, Roles } from '@kotoportti/platform';
import { DataSource } from 'typeorm';

export class AuditQueryDto {
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @IsOptional()
  @IsUUID()
  userId?: string;

  /** Instants, inclusive from and exclusive to; a bare date means its midnight UTC. */
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/**
 * The audit log is the admin's alone (SPEC §1): it tells who looked at whom across every
 * organisation. An official sees who handled one of the office's clients in that client's
 * subject-access export instead.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/audit-events')
export class AuditEventsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Newest first; searchable by the client a record is about (directly, or among the
   * `clientIds` a list showed), by the user who acted and by time.
   */
  @Get()
  @ApiOperation({ summary: 'Search the audit log by client, by user and by time' })
  list(@Query() query: AuditQueryDto) {
    const from = query.from ? new Date(query.from) : null;
    const to = query.to ? new Date(query.to) : null;
    if (from && to && from > to) throw InvalidInput.field('to', 'to must not be before from');
    return this.db.query(
      `SELECT id, at, actor_user_id AS "actorUserId", actor_role AS "actorRole",
              organisation_id AS "organisationId", action, entity_type AS "entityType",
              entity_id AS "entityId", client_id AS "clientId", request_id AS "requestId", details
         FROM audit_events
        WHERE ($1::uuid IS NULL OR client_id = $1
               OR details->'clientIds' @> jsonb_build_array($1::text))
          AND ($2::uuid IS NULL OR actor_user_id = $2)
          AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
        ORDER BY id DESC LIMIT $5`,
      [query.clientId ?? null, query.userId ?? null, from, to, query.limit ?? 100],
    );
  }
}
