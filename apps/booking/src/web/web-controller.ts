import { applyDecorators, Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { PageLocalsInterceptor } from './page-locals.interceptor';
import { WebExceptionFilter } from './web-exception.filter';

/** A controller of web pages: HTML errors, the layout's locals, kept out of the OpenAPI. */
export const WebController = (path = '') =>
  applyDecorators(
    Controller(path),
    ApiExcludeController(),
    UseFilters(WebExceptionFilter),
    UseInterceptors(PageLocalsInterceptor),
  );

/** Renders a page of views/pages with the given status (400 and 409 for refused forms). */
export function renderPage(
  response: Response,
  view: string,
  model: Record<string, unknown>,
  status = 200,
): void {
  response.status(status).render(`pages/${view}`, model);
}

/** A path on this site to go back to; anything else (another host, //evil) goes home. */
export function localPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(value) ? value : fallback;
}
