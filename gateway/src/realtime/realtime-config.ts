import { ConfigValidationError, loadConfig } from '@crm/common';
import { REALTIME_ENV } from './realtime-env.js';

/** Limits of the realtime endpoint, read once from the environment (see realtime-env.ts). */
export class RealtimeConfig {
  readonly replayMaxEvents: number;
  readonly replayMaxAgeMs: number;
  readonly replayTotalEvents: number;
  readonly replayMaxBytes: number;
  readonly maxSubscriptions: number;
  readonly maxMessageBytes: number;
  readonly maxBufferedBytes: number;
  readonly heartbeatMs: number;
  readonly authTimeoutMs: number;
  readonly maxConnections: number;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const config = loadConfig(REALTIME_ENV, env);
    this.replayMaxEvents = config.REALTIME_REPLAY_MAX_EVENTS ?? 500;
    this.replayMaxAgeMs = (config.REALTIME_REPLAY_MAX_AGE_SECONDS ?? 900) * 1000;
    this.replayTotalEvents = config.REALTIME_REPLAY_TOTAL_EVENTS ?? 20_000;
    this.replayMaxBytes = (config.REALTIME_REPLAY_MAX_MIB ?? 64) * 1024 * 1024;
    this.maxSubscriptions = config.REALTIME_MAX_SUBSCRIPTIONS ?? 50;
    this.maxMessageBytes = config.REALTIME_MAX_MESSAGE_BYTES ?? 16_384;
    this.maxBufferedBytes = config.REALTIME_MAX_BUFFERED_BYTES ?? 1_048_576;
    this.heartbeatMs = config.REALTIME_HEARTBEAT_MS ?? 30_000;
    this.authTimeoutMs = config.REALTIME_AUTH_TIMEOUT_MS ?? 10_000;
    this.maxConnections = config.REALTIME_MAX_CONNECTIONS ?? 20_000;
    const problems: string[] = [];
    const atLeast = (name: string, value: number, min: number) => {
      if (value < min) problems.push(`${name} must be at least ${min} (got ${value})`);
    };
    atLeast('REALTIME_REPLAY_MAX_EVENTS', this.replayMaxEvents, 0);
    atLeast('REALTIME_REPLAY_MAX_AGE_SECONDS', this.replayMaxAgeMs / 1000, 0);
    atLeast('REALTIME_REPLAY_TOTAL_EVENTS', this.replayTotalEvents, this.replayMaxEvents);
    atLeast('REALTIME_REPLAY_MAX_MIB', this.replayMaxBytes / 1024 / 1024, 1);
    atLeast('REALTIME_MAX_SUBSCRIPTIONS', this.maxSubscriptions, 1);
    atLeast('REALTIME_MAX_MESSAGE_BYTES', this.maxMessageBytes, 1024);
    atLeast('REALTIME_MAX_BUFFERED_BYTES', this.maxBufferedBytes, 16_384);
    atLeast('REALTIME_HEARTBEAT_MS', this.heartbeatMs, 100);
    atLeast('REALTIME_AUTH_TIMEOUT_MS', this.authTimeoutMs, 100);
    atLeast('REALTIME_MAX_CONNECTIONS', this.maxConnections, 1);
    if (problems.length > 0) throw new ConfigValidationError(problems);
  }
}
