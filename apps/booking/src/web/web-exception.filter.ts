import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { toErrorBody } from '@kotoportti/platform';
import type { Response } from 'express';
import { PageRequest, setPageLocals } from './page-locals';

const KNOWN_STATUSES = new Set([400, 403, 404, 409, 413, 503]);

/**
 * Errors of the web pages as pages, not JSON: a missing sign-in goes to the sign-in page,
 * everything else gets a page in the user's language with the status the API would give.
 * Forms catch their own input errors and show them beside the fields; this is the rest.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('web');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<PageRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const error = toErrorBody(exception);
    if (error.statusCode === 401) {
      const next =
        request.method === 'GET' ? `?next=${encodeURIComponent(request.originalUrl)}` : '';
      response.redirect(303, `/login${next}`);
      return;
    }
    if (error.statusCode >= 500) {
      // The stack, never the request: forms carry personal data.
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    const status = KNOWN_STATUSES.has(error.statusCode) ? error.statusCode : 500;
    setPageLocals(request, response);
    response.status(error.statusCode).render('pages/error', {
      title: `errors.${status}.title`,
      message: `errors.${status}.message`,
    });
  }
}
