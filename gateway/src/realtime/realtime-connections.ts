import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { CLOSE } from './close-codes.js';
import { RealtimeServices } from './realtime-services.js';
import { RealtimeSession, type SessionTransport } from './realtime-session.js';

/** Every open realtime connection of this replica: the connection limit, the gauge, the shutdown. */
@Injectable()
export class RealtimeConnections implements BeforeApplicationShutdown {
  private readonly sessions = new Set<RealtimeSession>();

  constructor(readonly services: RealtimeServices) {}

  /** A session for a new connection, or undefined when the replica is full (the caller refuses it). */
  open(transport: SessionTransport): RealtimeSession | undefined {
    if (this.sessions.size >= this.services.config.maxConnections) {
      this.services.metrics.dropped.inc({ reason: 'too_many_connections' });
      return undefined;
    }
    const session = new RealtimeSession(this.services, transport);
    this.sessions.add(session);
    this.services.metrics.connections.inc({ transport: transport.kind });
    return session;
  }

  /** The transport closed (either side): forget the session. */
  release(session: RealtimeSession, kind: SessionTransport['kind']): void {
    if (!this.sessions.delete(session)) return;
    session.dispose();
    this.services.metrics.connections.dec({ transport: kind });
  }

  get size(): number {
    return this.sessions.size;
  }

  beforeApplicationShutdown(): void {
    // Before the HTTP server closes: it would otherwise wait for sockets that never end.
    for (const session of this.sessions) session.close(CLOSE.goingAway, 'server shutting down');
  }
}
