import type { ServiceName } from '@crm/contracts';

export interface ProxyRoute {
  /** First path segment(s) after /api/v1, e.g. `contacts` or `public/forms`. */
  prefix: string;
  service: ServiceName;
  /** No token needed (web-to-lead forms, PQR filing); rate limited per IP instead. */
  isPublic: boolean;
}

const OWNERS: Record<ServiceName, readonly string[]> = {
  contacts: ['contacts', 'companies', 'sources', 'interests', 'assignment-rules', 'web-forms', 'public/forms'],
  opportunities: ['pipelines', 'opportunities', 'activities', 'quotes', 'lost-reasons', 'quote-settings'],
  tickets: [
    'tickets',
    'ticket-categories',
    'sla-policies',
    'business-calendars',
    'legal-terms',
    'public/tickets',
    'pqr-portal',
    'canned-responses',
    'ticket-email-addresses',
    'ticket-inbound-emails',
  ],
  notifications: ['notifications', 'notification-preferences', 'email-deliveries'],
  reporting: ['reports'],
};

/** Which service owns which resource (API.md resource map). */
export const PROXY_ROUTES: readonly ProxyRoute[] = Object.entries(OWNERS).flatMap(([service, prefixes]) =>
  prefixes.map((prefix) => ({ prefix, service: service as ServiceName, isPublic: prefix.startsWith('public/') })),
);
