import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { REPORTING_REPLAY_REQUESTED, type CloudEvent, type ReplayRequestedData } from '@crm/contracts';
import { MESSAGING_OPTIONS, type ResolvedMessagingOptions } from './messaging-options.js';
import { OutboxReplayer } from './outbox-replayer.js';

/**
 * Every consuming service answers `reporting.replay.requested` by republishing its outbox
 * history for the tenant and range to the requester's queue (OutboxReplayer). The requester
 * ignores its own request. A redelivered request republishes again: the receiver's inbox (per
 * replay id) absorbs the copies.
 */
@Controller()
export class OutboxReplayHandler {
  constructor(
    private readonly replayer: OutboxReplayer,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
  ) {}

  @EventPattern<string>(REPORTING_REPLAY_REQUESTED)
  async onReplayRequested(@Payload() event: CloudEvent<ReplayRequestedData>): Promise<void> {
    const { data } = event;
    if (data.targetService === this.options.service || data.tenantId !== event.tenantid) return;
    await this.replayer.replay({ replayId: data.replayId, tenantId: data.tenantId, from: data.from, to: data.to, targetService: data.targetService });
  }
}
