import { Module } from '@nestjs/common';
import { Customer360Controller } from './customer-360.controller.js';
import { Customer360Service } from './customer-360.service.js';
import { UpstreamReader } from './upstream-reader.js';

/** `GET /customers/{id}/360`: the one composed read the gateway answers itself (ARCHITECTURE §5). */
@Module({
  controllers: [Customer360Controller],
  providers: [Customer360Service, UpstreamReader],
})
export class Customer360Module {}
