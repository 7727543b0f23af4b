import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { RequestWithActor } from '../auth/actor';
import { Conflict, DomainError, InvalidInput } from '../errors/domain-error';
import { ErrorBody, ReplayedError, toErrorBody } from '../errors/error-response';

const HEADER = 'idempotency-key';
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;
/** Far longer than any request that creates something takes, even on a loaded machine. */
const ABANDONED_AFTER = '30 seconds';

interface StoredKey {
  request_hash: string;
  state: 'in-progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
}

function requestHash(request: Request): string {
  return createHash('sha256')
    .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

/**
 * Idempotency-Key for POSTs (SPEC §4): the same key and body replay the first answer for
 * 24 hours; the same key with another body is 422; a repeat while the first still runs is
 * 409. Answers of 5xx are forgotten so that the client may retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & RequestWithActor>();
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || key === undefined || !request.actor) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw InvalidInput.field('Idempotency-Key', 'must be 1-200 letters, digits or _.:-');
    }
    // Nest applies the handler's status only after the interceptor, so read it from there.
    const successStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      HttpStatus.CREATED;
    return from(this.handle(request.actor.userId, key, requestHash(request), successStatus, next));
  }

  private async handle(
    userId: string,
    key: string,
    hash: string,
    successStatus: number,
    next: CallHandler,
  ): Promise<unknown> {
    const claimed = await this.claim(userId, key, hash);
    if (!claimed) return this.replay(userId, key, hash);
    try {
      const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.complete(userId, key, successStatus, result);
      return result;
    } catch (error) {
      const status = toErrorBody(error).statusCode;
      if (status < 500) await this.complete(userId, key, status, toErrorBody(error));
      else await this.forget(userId, key);
      throw error;
    }
  }

  /** Inserts the key as in-progress; false when it was already there and still valid. */
  private async claim(userId: string, key: string, hash: string): Promise<boolean> {
    // A claim still in progress after ABANDONED_AFTER was left by a request that never
    // finished: its process was killed, or the database went away before the claim could be
    // completed or forgotten. Without this the client's retries would be refused for 24 hours.
    await this.db.query(
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2
          AND (expires_at < now() OR (state = 'in-progress' AND created_at < now() - $3::interval))`,
      [userId, key, ABANDONED_AFTER],
    );
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, state, expires_at)
       VALUES ($1, $2, $3, 'in-progress', now() + interval '24 hours')
       ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [userId, key, hash],
    );
    return inserted.length === 1;
  }

  private async replay(userId: string, key: string, hash: string) {
    const rows: StoredKey[] = await this.db.query(
      `SELECT request_hash, state, response_status, response_body
         FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    const stored = rows[0];
    if (!stored) throw new Conflict('idempotency-in-progress', 'Retry this request');
    if (stored.request_hash !== hash) {
      throw new DomainError(
        'unprocessable',
        'idempotency-key-reused',
        'This Idempotency-Key was used for a different request',
      );
    }
    if (stored.state === 'in-progress') {
      throw new Conflict(
        'idempotency-in-progress',
        'The first request with this key is still running',
      );
    }
    // A stored refusal is replayed as the same refusal; a stored success as the same body.
    if ((stored.response_status ?? 200) >= 400) {
      throw new ReplayedError(stored.response_body as ErrorBody);
    }
    return stored.response_body;
  }

  private async complete(userId: string, key: string, status: number, body: unknown) {
    await this.db.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_body = $4
        WHERE user_id = $1 AND key = $2`,
      [userId, key, status, JSON.stringify(body ?? null)],
    );
  }

  private async forget(userId: string, key: string) {
    await this.db.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
    ]);
  }
}
