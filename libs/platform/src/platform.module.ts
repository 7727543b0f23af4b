import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { modelDataSourceOptions } from '@kotoportti/model';
import { AuditService } from './audit/audit.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { TokenService } from './auth/token.service';
import { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/config.token';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { HealthController } from './health/health.controller';
import { BacklogMetrics } from './metrics/backlog-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxService } from './outbox/outbox.service';
import { redisOptionsFromUrl } from './redis/redis-options';

/**
 * What every service shares: configuration, the database, BullMQ, sign-in and roles,
 * the audit log, the outbox relay, idempotency and the error shape.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRoot(
          modelDataSourceOptions(config.databaseUrl, { poolSize: config.databasePoolSize }),
        ),
        BullModule.forRoot({
          connection: redisOptionsFromUrl(config.redisUrl),
          prefix: config.queuePrefix,
        }),
      ],
      controllers: [AuthController, HealthController, MetricsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        TokenService,
        AuthService,
        LoginThrottle,
        AuditService,
        OutboxService,
        OutboxRelay,
        BacklogMetrics,
      ],
      exports: [APP_CONFIG, TokenService, AuthService, AuditService, OutboxService, OutboxRelay],
    };
  }
}
