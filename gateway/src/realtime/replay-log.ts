/** One delivered event on one topic key, as sent (the frame is serialised once). */
export interface ReplayEntry {
  seq: number;
  id: string;
  /** UTF-8 JSON, the same bytes for every subscriber. */
  frame: Buffer;
}

interface EnvelopeRecord {
  seq: number;
  id: string;
  at: number;
  keys: string[];
}

interface KeyLog {
  entries: ReplayEntry[];
  /** Highest seq dropped from this key by its own cap or by age/total eviction. */
  droppedUpTo: number;
}

export interface ReplayLimits {
  /** Events kept per topic key. */
  perTopic: number;
  /** Oldest event kept, in ms. */
  maxAgeMs: number;
  /** Events (envelopes) kept across all topics. */
  total: number;
  /** Frame bytes kept across all topics. */
  maxBytes: number;
}

export interface ReplayResult {
  entries: ReplayEntry[];
  /** Something after `lastEventId` is no longer here (or the id is unknown): refetch by REST. */
  gap: boolean;
}

/**
 * The bounded memory behind reconnects: the last `perTopic` events of each topic, none older
 * than `maxAgeMs`, at most `total` events and `maxBytes` of frames overall (the oldest go first). Events are numbered
 * in arrival order on this replica; an id seen before (a redelivery) is not recorded twice, so
 * a replay never repeats an event.
 */
export class ReplayLog {
  private seq = 0;
  private readonly records: EnvelopeRecord[] = [];
  private head = 0;
  private readonly bySeqOfId = new Map<string, number>();
  private readonly logs = new Map<string, KeyLog>();
  private bytes = 0;

  constructor(
    private readonly limits: ReplayLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when the envelope id was already recorded (the bus delivered it again). */
  has(id: string): boolean {
    return this.bySeqOfId.has(id);
  }

  /** Records one envelope's frames, one per key; returns the entries (seq shared) or undefined for a repeat. */
  append(id: string, frames: { key: string; frame: Buffer }[]): ReplayEntry[] | undefined {
    if (this.bySeqOfId.has(id)) return undefined;
    this.evict();
    const seq = ++this.seq;
    const entries: ReplayEntry[] = [];
    this.bySeqOfId.set(id, seq);
    this.records.push({ seq, id, at: this.now(), keys: frames.map((f) => f.key) });
    for (const { key, frame } of frames) {
      const entry = { seq, id, frame };
      entries.push(entry);
      if (this.limits.perTopic === 0) continue;
      let log = this.logs.get(key);
      if (!log) {
        log = { entries: [], droppedUpTo: 0 };
        this.logs.set(key, log);
      }
      log.entries.push(entry);
      this.bytes += frame.length;
      if (log.entries.length > this.limits.perTopic) {
        const dropped = log.entries.shift()!;
        this.bytes -= dropped.frame.length;
        log.droppedUpTo = dropped.seq;
      }
    }
    this.evict();
    return entries;
  }

  /** What `key` got after `lastEventId`, oldest first. */
  since(key: string, lastEventId: string): ReplayResult {
    this.evict();
    const after = this.bySeqOfId.get(lastEventId);
    if (after === undefined) return { entries: [], gap: true };
    const log = this.logs.get(key);
    if (!log) return { entries: [], gap: false };
    return { entries: log.entries.filter((entry) => entry.seq > after), gap: log.droppedUpTo > after };
  }

  get size(): number {
    return this.records.length - this.head;
  }

  /** Frame bytes held. */
  get heldBytes(): number {
    return this.bytes;
  }

  private evict(): void {
    const oldest = this.now() - this.limits.maxAgeMs;
    while (this.head < this.records.length) {
      const record = this.records[this.head]!;
      if (record.at >= oldest && this.records.length - this.head <= this.limits.total && this.bytes <= this.limits.maxBytes) break;
      this.head += 1;
      this.bySeqOfId.delete(record.id);
      for (const key of record.keys) {
        const log = this.logs.get(key);
        if (!log) continue;
        if (log.entries[0]?.seq === record.seq) {
          this.bytes -= log.entries.shift()!.frame.length;
          log.droppedUpTo = Math.max(log.droppedUpTo, record.seq);
        }
        if (log.entries.length === 0) this.logs.delete(key);
      }
    }
    if (this.head > 1024 && this.head * 2 > this.records.length) {
      this.records.splice(0, this.head);
      this.head = 0;
    }
  }
}
