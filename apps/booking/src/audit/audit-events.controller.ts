import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Roles } from '@kotoportti/platform';
import { DataSource } from 'typeorm';

export class AuditQueryDto {
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @IsOptional()
  @IsUUID()
  userId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/audit-events')
export class AuditEventsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Newest first; searchable by the client a record is about and by the user who acted. */
  @Get()
  list(@Query() query: AuditQueryDto) {
    return this.db.query(
      `SELECT id, at, actor_user_id AS "actorUserId", actor_role AS "actorRole",
              organisation_id AS "organisationId", action, entity_type AS "entityType",
              entity_id AS "entityId", client_id AS "clientId", request_id AS "requestId", details
         FROM audit_events
        WHERE ($1::uuid IS NULL OR client_id = $1) AND ($2::uuid IS NULL OR actor_user_id = $2)
        ORDER BY id DESC LIMIT $3`,
      [query.clientId ?? null, query.userId ?? null, query.limit ?? 100],
    );
  }
}
