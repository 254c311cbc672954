import type { TicketPriority } from '@crm/contracts';

/**
 * Seeded once per tenant (admins edit them): business minutes on the default calendar
 * (Mon–Fri 08:00–17:00, i.e. 540 minutes a day).
 */
export const DEFAULT_SLA_POLICIES: { name: string; priority: TicketPriority; firstResponseMinutes: number; resolutionMinutes: number }[] = [
  { name: 'Prioridad alta', priority: 'alta', firstResponseMinutes: 60, resolutionMinutes: 540 },
  { name: 'Prioridad media', priority: 'media', firstResponseMinutes: 240, resolutionMinutes: 3 * 540 },
  { name: 'Prioridad baja', priority: 'baja', firstResponseMinutes: 540, resolutionMinutes: 5 * 540 },
];
