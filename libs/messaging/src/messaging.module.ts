import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { HealthRegistry, MetricsRegistry } from '@crm/common';
import { AmqpConnection } from './amqp-connection.js';
import { AmqpTransport } from './amqp-transport.js';
import { DeadLetterService } from './dead-letter.service.js';
import { DeadLettersController } from './dead-letters.controller.js';
import { InboxService } from './inbox.service.js';
import { MessagingHealthIndicator } from './messaging-health.js';
import { MessagingHousekeeper } from './messaging-housekeeper.js';
import { MessagingMetrics } from './messaging-metrics.js';
import { MESSAGING_OPTIONS, resolveMessagingOptions, type MessagingModuleOptions } from './messaging-options.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxReplayHandler } from './outbox-replay.handler.js';
import { OutboxReplayer } from './outbox-replayer.js';
import { OutboxService } from './outbox.service.js';
import { PlatformDeadLettersController } from './platform-dead-letters.controller.js';
import { PlatformOperatorGuard } from './platform-operator.guard.js';

const REGISTRATION = Symbol('crm:messagingRegistration');

/**
 * Everything a service needs for events, once per app (global). Needs the app's default
 * TypeORM DataSource (TypeOrmModule.forRoot / DatabaseModule.forService). Registers a
 * `rabbitmq` health check and the `crm_messaging_total{name}` counters when CommonModule is there.
 */
@Global()
@Module({})
export class MessagingModule {
  static forService(options: MessagingModuleOptions): DynamicModule {
    const consume = options.consume ?? true;
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, useFactory: () => resolveMessagingOptions(options) },
      MessagingMetrics,
      AmqpConnection,
      OutboxService,
      OutboxRelay,
      OutboxReplayer,
      InboxService,
      DeadLetterService,
      MessagingHealthIndicator,
      MessagingHousekeeper,
      PlatformOperatorGuard,
      {
        provide: REGISTRATION,
        inject: [AmqpConnection, MessagingMetrics, { token: HealthRegistry, optional: true }, { token: MetricsRegistry, optional: true }],
        useFactory: (connection: AmqpConnection, metrics: MessagingMetrics, health?: HealthRegistry, registry?: MetricsRegistry) => {
          health?.register('rabbitmq', async () => connection.isConnected());
          registry?.addCounterSource('crm_messaging', 'Messaging outcomes (published, consumed, retried, deadLettered, ...)', () => metrics.snapshot());
          return true;
        },
      },
    ];
    if (consume) providers.push(AmqpTransport);
    const exports = [
      MESSAGING_OPTIONS,
      MessagingMetrics,
      AmqpConnection,
      OutboxService,
      OutboxRelay,
      OutboxReplayer,
      InboxService,
      DeadLetterService,
      MessagingHealthIndicator,
      MessagingHousekeeper,
    ];
    return {
      module: MessagingModule,
      global: true,
      providers,
      controllers: [
        ...((options.deadLettersApi ?? options.consume ?? true) ? [DeadLettersController, PlatformDeadLettersController] : []),
        // Every consuming service can replay its outbox history for a read-model rebuild.
        ...(consume ? [OutboxReplayHandler] : []),
      ],
      exports: consume ? [...exports, AmqpTransport] : exports,
    };
  }
}
