import type { PqrClass } from '@crm/contracts';

/**
 * The terms of Ley 1755 de 2015, art. 14, in business days: 15 in general (peticiones, quejas,
 * reclamos, sugerencias, denuncias, felicitaciones), 10 for documents or information, 30 for
 * consultas. Tenants may edit them (a stricter internal policy, a special regime).
 */
export const LAW_TERM_DAYS: Record<PqrClass, number> = {
  peticion_general: 15,
  peticion_documentos: 10,
  consulta: 30,
  queja: 15,
  reclamo: 15,
  sugerencia: 15,
  felicitacion: 15,
  denuncia: 15,
};

export const LEGAL_BASIS: Record<PqrClass, string> = {
  peticion_general: 'Ley 1755 de 2015, art. 14',
  peticion_documentos: 'Ley 1755 de 2015, art. 14 numeral 1',
  consulta: 'Ley 1755 de 2015, art. 14 numeral 2',
  queja: 'Ley 1755 de 2015, art. 14',
  reclamo: 'Ley 1755 de 2015, art. 14',
  sugerencia: 'Ley 1755 de 2015, art. 14',
  felicitacion: 'Ley 1755 de 2015, art. 14',
  denuncia: 'Ley 1755 de 2015, art. 14',
};
