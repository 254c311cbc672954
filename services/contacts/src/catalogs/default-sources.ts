import type { SourceChannel } from '@crm/contracts';

/** Sources every tenant starts with (Spanish: they are user-facing data), seeded once, lazily. */
export const DEFAULT_SOURCES: readonly { name: string; channel: SourceChannel; notes: string }[] = [
  { name: 'Sitio web', channel: 'web', notes: 'Formularios y chat del sitio web.' },
  { name: 'Referido', channel: 'referral', notes: 'Recomendado por un cliente, aliado o empleado.' },
  { name: 'Feria comercial', channel: 'trade_show', notes: 'Ferias, exposiciones y eventos presenciales.' },
  { name: 'Redes sociales', channel: 'social_media', notes: 'Facebook, Instagram, LinkedIn, TikTok…' },
  { name: 'Llamada entrante', channel: 'phone', notes: 'El contacto llamó a la empresa.' },
];
