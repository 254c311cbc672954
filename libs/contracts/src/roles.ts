export const ROLES = ['admin', 'manager', 'sales', 'support', 'readonly'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
