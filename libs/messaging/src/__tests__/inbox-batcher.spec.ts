import { describe, expect, it } from '@jest/globals';
import type { CloudEvent } from '@crm/contracts';
import type { EntityManager } from 'typeorm';
import { InboxBatcher } from '../inbox-batcher.js';
import type { InboxService } from '../inbox.service.js';

/** The batcher's scheduling only: an inbox that records which ids each transaction got (the real one is covered by the services' integration tests). */
function recordingInbox(options: { failIds?: string[]; gate?: () => Promise<void> } = {}) {
  const batches: string[][] = [];
  const inbox = {
    async handleBatch(events: readonly CloudEvent[], _consumer: string, work: (em: EntityManager, fresh: CloudEvent[]) => Promise<void>) {
      batches.push(events.map((event) => event.id));
      await options.gate?.();
      if (events.some((event) => options.failIds?.includes(event.id))) throw new Error('bad event');
      await work({} as EntityManager, [...events]);
      return { fresh: events.length, duplicates: 0 };
    },
  } as unknown as InboxService;
  return { inbox, batches };
}

const event = (id: string) => ({ id }) as CloudEvent;

describe('InboxBatcher', () => {
  it('runs the first event at once and gathers what arrives meanwhile into the next batch', async () => {
    let release!: () => void;
    let gated = true;
    const { inbox, batches } = recordingInbox({
      gate: () => (gated ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()),
    });
    const batcher = new InboxBatcher(inbox, { consumer: 'test', maxWaitMs: 0 }, async () => undefined);
    const first = batcher.submit(event('a'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(batches).toEqual([['a']]);
    // While "a" runs: three more, each past its own maxWaitMs.
    const later: Promise<void>[] = [];
    for (const id of ['b', 'c', 'd']) {
      later.push(batcher.submit(event(id)));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(batches).toEqual([['a']]);
    gated = false;
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('never puts more than maxBatch events in one transaction', async () => {
    const { inbox, batches } = recordingInbox();
    const batcher = new InboxBatcher(inbox, { consumer: 'test', maxBatch: 2, maxWaitMs: 5 }, async () => undefined);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => batcher.submit(event(id))));
    expect(batches.every((batch) => batch.length <= 2)).toBe(true);
    expect(batches.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('retries a failed batch one event at a time, so only the bad event fails', async () => {
    const { inbox, batches } = recordingInbox({ failIds: ['bad'] });
    const batcher = new InboxBatcher(inbox, { consumer: 'test', maxWaitMs: 5 }, async () => undefined);
    const outcomes = await Promise.allSettled(['a', 'bad', 'c'].map((id) => batcher.submit(event(id))));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });
});
