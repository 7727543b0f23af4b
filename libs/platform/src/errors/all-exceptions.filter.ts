import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { TooManyRequests } from './domain-error';
import { retryAfterSeconds, toErrorBody } from './error-response';

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const errorBody = toErrorBody(exception);
    if (errorBody.statusCode >= 500) {
      // The stack, never the request: request bodies carry personal data.
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    const retryAfter = retryAfterSeconds(errorBody);
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    if (exception instanceof TooManyRequests) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (response.headersSent) return;
    response.status(errorBody.statusCode).json(errorBody);
  }
}
