import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.token';
import type { Actor } from './actor';
import { RecentTokens } from './recent-tokens';

export type TokenKind = 'api' | 'web';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
  csrfToken: string | null;
}

interface TokenRow {
  id: string;
  username: string;
  display_name: string;
  role: Actor['role'];
  organisation_id: string | null;
  ui_language: string;
  csrf_token: string | null;
  expires_at: Date;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Opaque random tokens, stored only as their SHA-256: a copy of the database does not let
 * anyone sign in, and a token can be revoked or expire server-side.
 */
@Injectable()
export class TokenService {
  private readonly recent: RecentTokens;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.recent = new RecentTokens(config.tokenCacheMs);
  }

  async issue(userId: string, kind: TokenKind): Promise<IssuedToken> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = kind === 'web' ? randomBytes(24).toString('base64url') : null;
    const expiresAt = new Date(Date.now() + this.config.sessionTtlMinutes * 60_000);
    await this.db.query(
      `INSERT INTO auth_tokens (token_hash, user_id, kind, csrf_token, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [sha256(token), userId, kind, csrfToken, expiresAt],
    );
    return { token, expiresAt, csrfToken };
  }

  async resolve(token: string, kind: TokenKind): Promise<Actor | null> {
    const hash = sha256(token);
    const key = `${kind}:${hash}`;
    const recent = this.recent.get(key);
    // A copy, so that nothing one request does to its actor reaches another request.
    if (recent) return { ...recent };
    const rows: TokenRow[] = await this.db.query(
      `SELECT u.id, u.username, u.display_name, u.role, u.organisation_id, u.ui_language, t.csrf_token,
              t.expires_at
         FROM auth_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.kind = $2 AND t.revoked_at IS NULL
          AND t.expires_at > now() AND u.active`,
      [hash, kind],
    );
    const row = rows[0];
    if (!row) return null;
    const actor: Actor = {
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      organisationId: row.organisation_id,
      uiLanguage: row.ui_language,
      csrfToken: row.csrf_token ?? undefined,
    };
    this.recent.set(key, actor, row.expires_at);
    return { ...actor };
  }

  async revoke(token: string): Promise<void> {
    const hash = sha256(token);
    await this.db.query(
      `UPDATE auth_tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    for (const kind of ['api', 'web'] satisfies TokenKind[]) this.recent.forget(`${kind}:${hash}`);
  }
}
