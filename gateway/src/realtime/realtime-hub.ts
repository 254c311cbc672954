import { Injectable } from '@nestjs/common';
import { RealtimeConfig } from './realtime-config.js';
import { RealtimeMetrics } from './realtime-metrics.js';
import { ReplayLog, type ReplayEntry, type ReplayResult } from './replay-log.js';

/** A WebSocket or SSE connection as the hub sees it. */
export interface RealtimeSubscriber {
  readonly connectionId: string;
  /** Sends one frame; the subscriber drops itself when it cannot keep up. */
  deliver(entry: { id: string | null; frame: Buffer }): void;
}

/**
 * Who listens to which topic key on this replica, the replay log, and the fan-out: a frame is
 * serialised once per event and topic, then written to every subscriber of that key.
 */
@Injectable()
export class RealtimeHub {
  private readonly subscribers = new Map<string, Set<RealtimeSubscriber>>();
  readonly replay: ReplayLog;

  constructor(
    config: RealtimeConfig,
    private readonly metrics: RealtimeMetrics,
  ) {
    this.replay = new ReplayLog({ perTopic: config.replayMaxEvents, maxAgeMs: config.replayMaxAgeMs, total: config.replayTotalEvents, maxBytes: config.replayMaxBytes });
  }

  /**
   * Adds `subscriber` to `key`, after replaying what it missed since `lastEventId` (if given).
   * Both happen in the same tick, so nothing falls between the replay and the live stream.
   */
  subscribe(key: string, subscriber: RealtimeSubscriber, lastEventId: string | undefined, announce: (replay: ReplayResult | undefined) => void): void {
    let set = this.subscribers.get(key);
    if (!set) {
      set = new Set();
      this.subscribers.set(key, set);
    }
    if (set.has(subscriber)) return announce(undefined);
    const replayed = lastEventId ? this.replay.since(key, lastEventId) : undefined;
    announce(replayed);
    for (const entry of replayed?.entries ?? []) subscriber.deliver(entry);
    set.add(subscriber);
    this.metrics.subscriptions.inc();
  }

  unsubscribe(key: string, subscriber: RealtimeSubscriber): void {
    const set = this.subscribers.get(key);
    if (!set?.delete(subscriber)) return;
    this.metrics.subscriptions.dec();
    if (set.size === 0) this.subscribers.delete(key);
  }

  /** An event from the bus: recorded for replay (once per id) and sent to every subscriber of each key. */
  publish(id: string, deliveries: { key: string; frame: Buffer }[]): boolean {
    const entries = this.replay.append(id, deliveries);
    if (!entries) return false;
    deliveries.forEach((delivery, index) => this.fanOut(delivery.key, entries[index]!));
    return true;
  }

  /** An ephemeral frame (typing): not recorded, never back to the connection it came from. */
  broadcast(key: string, frame: Buffer, exceptConnectionId?: string): void {
    const set = this.subscribers.get(key);
    if (!set) return;
    for (const subscriber of set) if (subscriber.connectionId !== exceptConnectionId) subscriber.deliver({ id: null, frame });
  }

  subscriberCount(key: string): number {
    return this.subscribers.get(key)?.size ?? 0;
  }

  private fanOut(key: string, entry: ReplayEntry): void {
    const set = this.subscribers.get(key);
    if (!set) return;
    // A subscriber dropped for being slow leaves the set while we iterate: Set iteration allows it.
    for (const subscriber of set) subscriber.deliver(entry);
  }
}
