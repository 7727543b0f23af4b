import { Body, Inject, Post, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { APP_CONFIG, AppConfig, Public } from '@kotoportti/platform';
import { DataSource } from 'typeorm';
import { LOGIN_CSRF_COOKIE, sameToken } from './csrf';
import { isUiLanguage } from './i18n';
import { LANGUAGE_COOKIE, PageRequest } from './page-locals';
import { localPath, WebController } from './web-controller';

const YEAR_MS = 365 * 24 * 3600_000;

/**
 * The interface language the user picks. It sticks in this browser (a cookie) and, once
 * signed in, in the user's own setting, so another browser starts in it too.
 */
@Public()
@WebController()
export class LanguageController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('language')
  async choose(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const back = localPath(body.back, '/');
    // Public, so the guard does not check the token: this handler does, for both kinds of page.
    const expected =
      request.actor?.csrfToken ?? (request.cookies as Record<string, string>)[LOGIN_CSRF_COOKIE];
    if (!isUiLanguage(body.language) || !sameToken(expected, body._csrf)) {
      response.redirect(303, back);
      return;
    }
    response.cookie(LANGUAGE_COOKIE, body.language, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies,
      path: '/',
      maxAge: YEAR_MS,
    });
    if (request.actor) {
      await this.db.query(`UPDATE users SET ui_language = $2 WHERE id = $1`, [
        request.actor.userId,
        body.language,
      ]);
    }
    response.redirect(303, back);
  }
}
