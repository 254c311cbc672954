import { Global, Module } from '@nestjs/common';
import { GatewayConfig } from './gateway-config.js';

@Global()
@Module({
  providers: [{ provide: GatewayConfig, useFactory: () => new GatewayConfig() }],
  exports: [GatewayConfig],
})
export class GatewayConfigModule {}
