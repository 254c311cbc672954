import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { HealthController } from './health/health.controller.js';
import { HealthRegistry } from './health/health-registry.js';
import { MetricsAccess } from './health/metrics-access.js';
import { MetricsRegistry } from './health/metrics-registry.js';
import { createLogger } from './logging/logger.js';

export const LOGGER = Symbol('crm:logger');
export const SERVICE_NAME = Symbol('crm:serviceName');

/** Health, metrics and the logger, once per service. */
@Global()
@Module({})
export class CommonModule {
  static forService(service: string, logger: Logger = createLogger(service)): DynamicModule {
    return {
      module: CommonModule,
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_NAME, useValue: service },
        { provide: LOGGER, useValue: logger },
        {
          provide: HealthRegistry,
          useFactory: () => Object.assign(new HealthRegistry(), { service }),
        },
        { provide: MetricsAccess, useFactory: () => new MetricsAccess() },
        {
          provide: MetricsRegistry,
          useFactory: () => {
            const metrics = new MetricsRegistry();
            metrics.setServiceLabel(service);
            return metrics;
          },
        },
      ],
      exports: [SERVICE_NAME, LOGGER, HealthRegistry, MetricsRegistry],
    };
  }
}
