import { Body, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { CookieOptions, Response } from 'express';
import { randomBytes } from 'node:crypto';
import {
  APP_CONFIG,
  AppConfig,
  AuthService,
  DomainError,
  Public,
  SESSION_COOKIE,
  TokenService,
  TooManyRequests,
} from '@kotoportti/platform';
import type { Role } from '@kotoportti/model';
import { LOGIN_CSRF_COOKIE, sameToken } from './csrf';
import { homeOf } from './navigation';
import { PageRequest, setPageLocals } from './page-locals';
import { localPath, renderPage, WebController } from './web-controller';

/** Sign-in and sign-out for the web pages: an HttpOnly session cookie and CSRF tokens. */
@Public()
@WebController()
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
  home(@Req() request: PageRequest, @Res() response: Response) {
    response.redirect(303, request.actor ? homeOf(request.actor.role) : '/login');
  }

  @Get('login')
  page(@Req() request: PageRequest, @Res() response: Response, @Query('next') next?: string) {
    if (request.actor) {
      renderPage(response, 'signed-in', {
        title: 'login.signedInTitle',
        homeHref: homeOf(request.actor.role),
      });
      return;
    }
    this.renderForm(request, response, { next: localPath(next, '') });
  }

  @Post('login')
  @HttpCode(303)
  async login(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const csrfCookie = (request.cookies as Record<string, string>)[LOGIN_CSRF_COOKIE];
    const username = typeof body.username === 'string' ? body.username.slice(0, 100) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 200) : '';
    const next = localPath(body.next, '');
    if (!sameToken(csrfCookie, body._csrf)) {
      this.renderForm(request, response, { username, next, formError: 'login.expired' }, 400);
      return;
    }
    const errors: Record<string, string> = {};
    if (!username) errors.username = 'validation.isNotEmpty';
    if (!password) errors.password = 'validation.isNotEmpty';
    if (Object.keys(errors).length > 0) {
      this.renderForm(request, response, { username, next, errors }, 400);
      return;
    }
    try {
      const session = await this.auth.login(username, password, 'web', request.ip);
      response.clearCookie(LOGIN_CSRF_COOKIE, { path: '/' });
      response.cookie(
        SESSION_COOKIE,
        session.token,
        this.cookieOptions(this.config.sessionTtlMinutes * 60_000),
      );
      response.redirect(303, next || homeOf(session.user.role as Role));
    } catch (error) {
      if (error instanceof TooManyRequests) {
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
        this.renderForm(request, response, { username, next, formError: 'login.tooMany' }, 429);
        return;
      }
      if (!(error instanceof DomainError)) throw error;
      this.renderForm(request, response, { username, next, formError: 'login.wrong' }, 401);
    }
  }

  @Post('logout')
  async logout(
    @Req() request: PageRequest,
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

  /** Double-submit token: a form posted from another site cannot read our cookie. */
  private renderForm(
    request: PageRequest,
    response: Response,
    model: Record<string, unknown>,
    status = 200,
  ) {
    let csrfToken = (request.cookies as Record<string, string>)[LOGIN_CSRF_COOKIE];
    if (!csrfToken) {
      csrfToken = randomBytes(24).toString('base64url');
      response.cookie(LOGIN_CSRF_COOKIE, csrfToken, this.cookieOptions(30 * 60_000));
    }
    setPageLocals(request, response, csrfToken);
    renderPage(
      response,
      'login',
      { title: 'login.title', values: { username: model.username }, ...model },
      status,
    );
  }
}
