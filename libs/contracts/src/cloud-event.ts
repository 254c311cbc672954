/**
 * CloudEvents 1.0 structured-mode JSON envelope: the body of every message on `crm.events`.
 * `tenantid` and `correlationid` are extension attributes (lower-case, as the spec requires).
 */
export interface CloudEvent<TData = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  tenantid: string;
  correlationid?: string;
  data: TData;
}

export const CLOUDEVENTS_SPEC_VERSION = '1.0' as const;

/** `crm/<service>`: the `source` attribute of events a service publishes. */
export function eventSource(service: string): string {
  return `crm/${service}`;
}
