import { Global, Module } from '@nestjs/common';
import { loadReportingConfig, REPORTING_CONFIG } from './reporting-env.js';

@Global()
@Module({
  providers: [{ provide: REPORTING_CONFIG, useFactory: () => loadReportingConfig() }],
  exports: [REPORTING_CONFIG],
})
export class ReportingConfigModule {}
