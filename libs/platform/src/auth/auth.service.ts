import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Unauthenticated } from '../errors/domain-error';
import { LoginThrottle } from './login-throttle';
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
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * One answer for a wrong name and a wrong password, so neither is revealed. `address` is
   * the client's IP address, for the per-address limit on failed attempts.
   */
  async login(
    username: string,
    password: string,
    kind: TokenKind,
    address?: string,
  ): Promise<IssuedToken & { user: SignedInUser }> {
    await this.throttle.check(username, address);
    const rows: Array<SignedInUser & { passwordHash: string }> = await this.db.query(
      `SELECT id, username, display_name AS "displayName", role, organisation_id AS "organisationId",
              ui_language AS "uiLanguage", password_hash AS "passwordHash"
         FROM users WHERE lower(username) = lower($1) AND active`,
      [username],
    );
    const found = rows[0];
    const valid = await verifyPassword(found?.passwordHash, password);
    if (!found || !valid) {
      await this.throttle.failed(username, address);
      throw new Unauthenticated('Wrong username or password');
    }
    await this.throttle.succeeded(username);
    const { passwordHash: _hash, ...user } = found;
    return { ...(await this.tokens.issue(user.id, kind)), user };
  }
}
