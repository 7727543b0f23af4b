import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { PageRequest, setPageLocals } from './page-locals';

/** Fills the layout's locals after the guard has resolved who is asking. */
@Injectable()
export class PageLocalsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    const http = context.switchToHttp();
    setPageLocals(http.getRequest<PageRequest>(), http.getResponse<Response>());
    return next.handle();
  }
}
