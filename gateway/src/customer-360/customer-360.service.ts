import { Injectable } from '@nestjs/common';
import type { ServiceName } from '@crm/contracts';
import { ProblemException, Problems } from '@crm/common';
import { GatewayConfig } from '../config/gateway-config.js';
import type { Customer360View, Part } from './customer-360.view.js';
import { UpstreamReader, type UpstreamResult } from './upstream-reader.js';

const LIST_SIZE = 10;
const OPEN_TICKET_STATUSES = 'abierto,en_proceso,pendiente';

interface PartRequest {
  name: Exclude<keyof Customer360View, 'contactId' | 'generatedAt' | 'budgetMs' | 'profile' | 'failedParts'>;
  service: ServiceName;
  path: string;
}

/**
 * Composes the customer 360 from the services, in parallel, within one time budget, always with
 * the caller's own token: each service applies its own visibility, and the contact's decides
 * whether there is an answer at all. A part that fails or runs out of time comes back as
 * `{ error }` beside the parts that worked; the profile cannot, since without it nobody can say
 * whether the caller may see the customer (503, or the contact's own 404).
 */
@Injectable()
export class Customer360Service {
  constructor(
    private readonly upstream: UpstreamReader,
    private readonly config: GatewayConfig,
  ) {}

  async compose(contactId: string, callerHeaders: Record<string, string>): Promise<Customer360View> {
    const budgetMs = this.config.customer360BudgetMs;
    // One budget for the whole answer; a refused profile also stops the other calls at once.
    const refused = new AbortController();
    const signal = AbortSignal.any([AbortSignal.timeout(budgetMs), refused.signal]);
    const id = encodeURIComponent(contactId);
    const parts: PartRequest[] = [
      { name: 'openOpportunities', service: 'opportunities', path: `/opportunities?contactId=${id}&status=open&limit=${LIST_SIZE}` },
      { name: 'recentActivities', service: 'opportunities', path: `/activities?contactId=${id}&limit=${LIST_SIZE}` },
      { name: 'openTickets', service: 'tickets', path: `/tickets?contactId=${id}&status=${OPEN_TICKET_STATUSES}&limit=${LIST_SIZE}` },
      { name: 'timeline', service: 'contacts', path: `/contacts/${id}/timeline?limit=${LIST_SIZE}` },
      { name: 'erpAccount', service: 'contacts', path: `/contacts/${id}/account?limit=5` },
      { name: 'lifetimeValue', service: 'reporting', path: `/reports/customers/value?contactId=${id}` },
    ];
    const call = (service: ServiceName, path: string) => this.upstream.get({ service, path, headers: callerHeaders, signal });
    const pending = parts.map((part) => call(part.service, part.path));
    const profile = await call('contacts', `/contacts/${id}`);
    if (!profile.ok) {
      refused.abort();
      await Promise.all(pending);
      throw profileProblem(profile);
    }
    const results = await Promise.all(pending);

    const view: Customer360View = {
      contactId,
      generatedAt: new Date().toISOString(),
      budgetMs,
      profile: profile.body,
      openOpportunities: { items: [] },
      recentActivities: { items: [] },
      openTickets: { items: [] },
      timeline: { items: [] },
      erpAccount: null,
      lifetimeValue: null,
      failedParts: [],
    };
    parts.forEach((part, index) => {
      const result = results[index]!;
      (view as unknown as Record<string, Part>)[part.name] = result.ok ? result.body : { error: { service: part.service, status: result.status, detail: result.detail } };
      if (!result.ok) view.failedParts.push(part.name);
    });
    return view;
  }
}

/** The contact's own refusal (404, 401, 403) passes through; anything else means nobody can tell. */
function profileProblem(result: Extract<UpstreamResult, { ok: false }>): ProblemException {
  if (result.status === 404) return Problems.notFound('El contacto no existe o no es visible para usted.');
  if (result.status === 401 || result.status === 403 || result.status === 400) return new ProblemException(result.status, result.detail);
  return Problems.unavailable(`No se pudo consultar el contacto: ${result.detail}`);
}
