import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { isUtf8 } from 'node:buffer';
import { json, NextFunction, Request, Response, urlencoded } from 'express';
import helmet from 'helmet';
import { toErrorBody } from '../errors/error-response';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.token';
import { createValidationPipe } from '../errors/validation';
import { requestLog } from '../observability/request-log';
import { requestId } from './request-id';

export const BODY_LIMIT = '100kb';

/**
 * The parser would turn bytes that are not UTF-8 into U+FFFD and a name would be stored
 * garbled for good; refuse the body instead (400 through the error handler below).
 */
function refuseInvalidUtf8(_request: unknown, _response: unknown, body: Buffer): void {
  if (!isUtf8(body)) {
    throw Object.assign(new Error('The request body is not valid UTF-8'), {
      status: 400,
      type: 'encoding.invalid',
    });
  }
}

/**
 * The one pipeline of every service, used by main.ts and by the end-to-end tests alike,
 * so tests exercise the production pipes, filters and parsers.
 */
export function configureApp(app: NestExpressApplication, title: string): void {
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  app.use(requestId);
  app.use(requestLog({ log: app.get<AppConfig>(APP_CONFIG).logRequests }));
  app.use(cookieParser());
  app.use(json({ limit: BODY_LIMIT, verify: refuseInvalidUtf8 }));
  app.use(urlencoded({ extended: false, limit: BODY_LIMIT, verify: refuseInvalidUtf8 }));
  // Body-parser errors (bad JSON, too large) happen before Nest's filters can see them.
  app.use((error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const body = toErrorBody(error);
    response.status(body.statusCode).json(body);
  });
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Kotoportti ${title}`)
      .setDescription('Language placement tests, integration-training queues and letters')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}
