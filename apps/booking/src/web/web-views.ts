import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { createViewEngine } from './view-engine';
import { findBookingDir } from './views-dir';

/**
 * Nest's MVC rendering (`@Render`, `response.render`) needs a view engine on the express
 * instance. Set here, when the module starts, so main.ts, the all-in-one process and the
 * tests all get it without each configuring it.
 */
@Injectable()
export class WebViews implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const express = this.adapterHost.httpAdapter?.getInstance<Express>();
    if (!express) return;
    const viewsDir = findBookingDir('views');
    express.engine('hbs', createViewEngine(viewsDir));
    express.set('views', viewsDir);
    express.set('view engine', 'hbs');
  }
}
