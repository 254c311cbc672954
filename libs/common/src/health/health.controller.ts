import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, Problems } from '../errors/problem.exception.js';
import { Public } from '../http/public.decorator.js';
import { HealthRegistry } from './health-registry.js';
import { MetricsAccess } from './metrics-access.js';
import { MetricsRegistry } from './metrics-registry.js';

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthRegistry,
    private readonly metrics: MetricsRegistry,
    private readonly metricsAccess: MetricsAccess,
  ) {}

  @Public()
  @Get('health')
  async check(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.health.report();
    void reply.status(report.status === 'ok' ? 200 : 503).send(report);
  }

  /** Prometheus text for the holder of METRICS_TOKEN; 404 when no token is configured. */
  @Public()
  @Get('metrics')
  async scrape(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.metricsAccess.enabled) throw Problems.notFound('No existe /metrics: configure METRICS_TOKEN para publicarlas.');
    if (!this.metricsAccess.allows(request.headers.authorization)) {
      void reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new ProblemException(401, 'Las métricas requieren el token de METRICS_TOKEN (cabecera Authorization: Bearer …).');
    }
    void reply
      .header('content-type', 'text/plain; version=0.0.4')
      .header('cache-control', 'no-store')
      .send(await this.metrics.render());
  }
}
