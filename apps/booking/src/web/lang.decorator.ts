import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { PageRequest, pageLanguage } from './page-locals';

/** The page's interface language, for the few handlers that put text into data. */
export const Lang = createParamDecorator((_: unknown, context: ExecutionContext) =>
  pageLanguage(context.switchToHttp().getRequest<PageRequest>()),
);
