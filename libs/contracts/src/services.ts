/** The services behind the gateway, with their default local ports (ARCHITECTURE §7). */
export const SERVICES = {
  contacts: { port: 3001 },
  opportunities: { port: 3002 },
  tickets: { port: 3003 },
  notifications: { port: 3004 },
  reporting: { port: 3005 },
} as const;
export type ServiceName = keyof typeof SERVICES;
export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];
export const GATEWAY_PORT = 3000;
