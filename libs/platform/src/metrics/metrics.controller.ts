import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.token';
import { NotFound } from '../errors/domain-error';
import { BacklogMetrics } from './backlog-metrics';
import { mayReadMetrics } from './metrics-access';
import { processRegistry } from './process-metrics';

/** Prometheus text format. Public to the guard; its own check answers 404 to everyone else. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly backlog: BacklogMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async metrics(@Req() request: Request, @Res() response: Response): Promise<void> {
    // 404 rather than 403: to the public, /metrics does not exist.
    if (!mayReadMetrics(request, this.config.metricsToken)) throw new NotFound('Page');
    const text = [await processRegistry.metrics(), await this.backlog.registry.metrics()].join(
      '\n',
    );
    response.setHeader('Content-Type', processRegistry.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.send(text);
  }
}
