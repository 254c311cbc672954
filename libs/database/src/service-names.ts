/** Every schema owner in the platform: the five services and the gateway's identity store. */
export const SERVICE_SCHEMAS = ['identity', 'contacts', 'opportunities', 'tickets', 'notifications', 'reporting'] as const;
export type ServiceSchema = (typeof SERVICE_SCHEMAS)[number];

/** The login role a service connects as; it has rights on its own schema only. */
export function serviceRoleName(schema: ServiceSchema | string): string {
  return `crm_${schema}`;
}
