import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  APP_CONFIG,
  AppConfig,
  AuthService,
  DomainError,
  Public,
  RequestWithActor,
  SESSION_COOKIE,
  TokenService,
} from '@kotoportti/platform';
import { renderLoginPage } from './login-page';

const LOGIN_CSRF_COOKIE = 'kp_login_csrf';

function sameToken(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length === 0 || a.length !== b.length)
    return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Sign-in and sign-out for the web pages: an HttpOnly session cookie and CSRF tokens. */
@ApiExcludeController()
@Public()
@Controller()
export class LoginController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private cookieOptions(maxAgeMs?: number): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies,
      path: '/',
      maxAge: maxAgeMs,
    };
  }

  @Get()
  home(@Res() response: Response) {
    response.redirect(303, '/login');
  }

  @Get('login')
  page(@Req() request: Request & RequestWithActor, @Res() response: Response) {
    const actor = request.actor;
    if (actor) {
      response
        .type('html')
        .send(
          renderLoginPage({ title: 'Kotoportti', csrfToken: actor.csrfToken ?? '', user: actor }),
        );
      return;
    }
    // Double-submit token: a form posted from another site cannot read our cookie.
    const csrfToken = randomBytes(24).toString('base64url');
    response.cookie(LOGIN_CSRF_COOKIE, csrfToken, this.cookieOptions(30 * 60_000));
    response.type('html').send(renderLoginPage({ title: 'Kirjaudu', csrfToken }));
  }

  @Post('login')
  @HttpCode(303)
  async login(
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const csrfCookie = (request.cookies as Record<string, string>)[LOGIN_CSRF_COOKIE];
    const username = typeof body.username === 'string' ? body.username.slice(0, 100) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 200) : '';
    if (!sameToken(csrfCookie, body._csrf)) {
      response
        .status(400)
        .type('html')
        .send(
          renderLoginPage({
            title: 'Kirjaudu',
            csrfToken: csrfCookie ?? '',
            error: 'Lomake vanheni. Yritä uudelleen.',
            username,
          }),
        );
      return;
    }
    try {
      const session = await this.auth.login(username, password, 'web');
      response.clearCookie(LOGIN_CSRF_COOKIE, { path: '/' });
      response.cookie(
        SESSION_COOKIE,
        session.token,
        this.cookieOptions(this.config.sessionTtlMinutes * 60_000),
      );
      response.redirect(303, '/login');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      response
        .status(401)
        .type('html')
        .send(
          renderLoginPage({
            title: 'Kirjaudu',
            csrfToken: csrfCookie ?? '',
            error: 'Väärä käyttäjätunnus tai salasana.',
            username,
          }),
        );
    }
  }

  @Post('logout')
  async logout(
    @Req() request: Request & RequestWithActor,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const token = (request.cookies as Record<string, string>)[SESSION_COOKIE];
    if (token && request.actor && sameToken(request.actor.csrfToken, body._csrf)) {
      await this.tokens.revoke(token);
      response.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    response.redirect(303, '/login');
  }
}
