import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Unauthenticated } from '../errors/domain-error';
import { verifyPassword } from './password';
import { IssuedToken, TokenKind, TokenService } from './token.service';

export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  organisationId: string | null;
  uiLanguage: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: TokenService,
  ) {}

  /** One answer for a wrong name and a wrong password, so neither is revealed. */
  async login(
    username: string,
    password: string,
    kind: TokenKind,
  ): Promise<IssuedToken & { user: SignedInUser }> {
    const rows: Array<SignedInUser & { passwordHash: string }> = await this.db.query(
      `SELECT id, username, display_name AS "displayName", role, organisation_id AS "organisationId",
              ui_language AS "uiLanguage", password_hash AS "passwordHash"
         FROM users WHERE lower(username) = lower($1) AND active`,
      [username],
    );
    const found = rows[0];
    const valid = await verifyPassword(found?.passwordHash, password);
    if (!found || !valid) throw new Unauthenticated('Wrong username or password');
    const { passwordHash: _hash, ...user } = found;
    return { ...(await this.tokens.issue(user.id, kind)), user };
  }
}
