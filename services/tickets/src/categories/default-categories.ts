/** The seed's PQR types ("Sistema de PQR"), created once for every tenant, Spanish first. */
export const DEFAULT_CATEGORIES = [
  { code: 'facturacion', nameEs: 'Facturación', nameEn: 'Billing' },
  { code: 'soporte_tecnico', nameEs: 'Soporte Técnico', nameEn: 'Technical Support' },
  { code: 'informacion_general', nameEs: 'Información General', nameEn: 'General Information' },
  { code: 'reclamos', nameEs: 'Reclamos', nameEn: 'Claims' },
  { code: 'sugerencias', nameEs: 'Sugerencias', nameEn: 'Suggestions' },
] as const;
