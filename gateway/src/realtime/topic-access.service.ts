import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '@crm/auth';
import { PostgresRateLimiter } from '@crm/database';
import { GatewayConfig } from '../config/gateway-config.js';
import { API_BASE } from '../shared/api-base.js';
import { topicKeys, type RealtimeTopic } from './realtime-topic.js';

/** Who is asking: a signed-in user (with the token to show the owning service), or an anonymous requester. */
export interface RealtimeCaller {
  user: AuthUser | null;
  token: string | null;
  /** Client address, for the public rate limit. */
  ip: string;
}

/** What a subscription is once allowed: the hub key, and what typing frames need to reach the other side. */
export interface GrantedTopic {
  key: string;
  /** For ticket topics: both sides of the conversation. */
  ticket?: { ticketId: string; radicado: string };
}

export type TopicDecision = { allowed: true; grant: GrantedTopic } | { allowed: false; reason: 'not_visible' | 'unauthenticated' | 'unavailable' | 'rate_limited' };

const NOT_VISIBLE = { allowed: false, reason: 'not_visible' } as const;

/**
 * Decides subscriptions with the REST API's own rules: the owning service is asked for the
 * resource with the caller's token (or the tracking token) and only a 200 allows it. A missing
 * resource, another team's, a wrong tracking token: the same `not_visible`, so nobody learns
 * what exists.
 */
@Injectable()
export class TopicAccess {
  private readonly logger = new Logger('RealtimeTopicAccess');

  constructor(
    private readonly config: GatewayConfig,
    private readonly rateLimiter: PostgresRateLimiter,
  ) {}

  async decide(topic: RealtimeTopic, caller: RealtimeCaller, trackingToken?: unknown): Promise<TopicDecision> {
    if (topic.kind === 'public-ticket') return this.publicTicket(topic.radicado, trackingToken, caller.ip);
    if (!caller.user || !caller.token) return { allowed: false, reason: 'unauthenticated' };
    if (topic.kind === 'notifications') return { allowed: true, grant: { key: topicKeys.notifications(caller.user.tenantId, caller.user.id) } };
    if (topic.kind === 'ticket') {
      const answer = await this.ask('tickets', `${API_BASE}/tickets/${topic.ticketId}`, caller.token);
      if (answer.status !== 200) return this.refusal(answer.status);
      const radicado = typeof answer.body?.radicado === 'string' ? answer.body.radicado : '';
      return { allowed: true, grant: { key: topicKeys.staffTicket(topic.ticketId), ticket: { ticketId: topic.ticketId, radicado } } };
    }
    const answer = await this.ask('opportunities', `${API_BASE}/opportunities/${topic.opportunityId}`, caller.token);
    if (answer.status !== 200) return this.refusal(answer.status);
    return { allowed: true, grant: { key: topicKeys.opportunity(topic.opportunityId) } };
  }

  private async publicTicket(radicado: string, trackingToken: unknown, ip: string): Promise<TopicDecision> {
    // The same per-IP budget as GET /public/tickets/…: the socket is no way around it.
    let decision;
    try {
      decision = await this.rateLimiter.hit({ scope: 'public', limit: this.config.publicRateLimit, windowSeconds: 60 }, ip);
    } catch {
      return { allowed: false, reason: 'unavailable' };
    }
    if (!decision.allowed) return { allowed: false, reason: 'rate_limited' };
    if (typeof trackingToken !== 'string' || !/^[A-Za-z0-9_-]{20,200}$/.test(trackingToken)) return NOT_VISIBLE;
    const answer = await this.ask('tickets', `${API_BASE}/public/tickets/${encodeURIComponent(radicado)}?token=${encodeURIComponent(trackingToken)}`, null);
    if (answer.status !== 200) return this.refusal(answer.status);
    const ticketId = answer.body?.ticketId;
    if (typeof ticketId !== 'string') {
      this.logger.warn('the public tracking view has no ticketId: public-ticket topics cannot be served');
      return { allowed: false, reason: 'unavailable' };
    }
    return { allowed: true, grant: { key: topicKeys.publicTicket(ticketId.toLowerCase()), ticket: { ticketId: ticketId.toLowerCase(), radicado } } };
  }

  private refusal(status: number): TopicDecision {
    if (status === 401) return { allowed: false, reason: 'unauthenticated' };
    if (status === 0 || status === 429 || status >= 500) return { allowed: false, reason: 'unavailable' };
    return NOT_VISIBLE;
  }

  private async ask(service: 'tickets' | 'opportunities', path: string, token: string | null): Promise<{ status: number; body?: Record<string, unknown> }> {
    try {
      const response = await fetch(`${this.config.upstreams[service]}${path}`, {
        headers: token ? { authorization: `Bearer ${token}`, accept: 'application/json' } : { accept: 'application/json' },
        signal: AbortSignal.timeout(this.config.proxyTimeoutMs),
      });
      const body = response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
      if (response.status !== 200) await response.body?.cancel();
      return { status: response.status, body };
    } catch (error) {
      this.logger.warn(`visibility check at ${service} failed: ${(error as Error).message}`);
      return { status: 0 };
    }
  }
}
