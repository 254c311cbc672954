import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AmqpContext, InboxBatcher, InboxService, REPLAY_ID_HEADER } from '@crm/messaging';
import type { AnyEvent } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';

/**
 * Feeds events to the read models in batches (InboxBatcher: one transaction per batch, inbox
 * dedupe per event id). Live events use the inbox consumer `reporting.read-models`; a replayed
 * event (header x-replay-id) uses `reporting.replay.<id>`, so a rebuild applies events the live
 * consumer has already recorded, once per rebuild. The projections are idempotent, so a live
 * event and its replayed copy applied both leave the same rows.
 */
@Injectable()
export class EventIngestor implements OnModuleDestroy {
  private readonly live: InboxBatcher<AnyEvent>;
  private readonly replays = new Map<string, InboxBatcher<AnyEvent>>();

  constructor(
    private readonly inbox: InboxService,
    private readonly runner: ProjectionRunner,
  ) {
    this.live = this.batcher('reporting.read-models');
  }

  submit(event: AnyEvent, context?: AmqpContext): Promise<void> {
    const replayId = context ? context.getHeaders()[REPLAY_ID_HEADER] : undefined;
    const id = Buffer.isBuffer(replayId) ? replayId.toString('utf8') : typeof replayId === 'string' ? replayId : undefined;
    if (!id) return this.live.submit(event);
    let batcher = this.replays.get(id);
    if (!batcher) {
      // Keep the few most recent rebuilds' batchers only.
      if (this.replays.size >= 8) this.replays.delete(this.replays.keys().next().value!);
      batcher = this.batcher(`reporting.replay.${id}`);
      this.replays.set(id, batcher);
    }
    return batcher.submit(event);
  }

  onModuleDestroy(): void {
    this.live.flush();
    for (const batcher of this.replays.values()) batcher.flush();
  }

  private batcher(consumer: string): InboxBatcher<AnyEvent> {
    return new InboxBatcher<AnyEvent>(this.inbox, { consumer, maxBatch: 500, maxWaitMs: 20 }, (em, events) => this.runner.apply(em, events));
  }
}
