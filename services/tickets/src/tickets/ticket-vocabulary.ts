/**
 * The closed vocabularies of a ticket (values from libs/contracts, shared with the events) and
 * the labels users see, Spanish first.
 */
import type { PqrClass, TicketChannel, TicketPriority, TicketStatus } from '@crm/contracts';

export { PQR_CLASSES, TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES, type PqrClass, type TicketChannel, type TicketPriority, type TicketStatus } from '@crm/contracts';

export const DOCUMENT_TYPES = ['CC', 'CE', 'NIT', 'TI', 'PP', 'PEP', 'RC', 'OTRO'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

type Labels<K extends string> = Record<K, { es: string; en: string }>;

export const PQR_CLASS_LABELS: Labels<PqrClass> = {
  peticion_general: { es: 'Petición general', en: 'General petition' },
  peticion_documentos: { es: 'Petición de documentos o información', en: 'Request for documents or information' },
  consulta: { es: 'Consulta', en: 'Consultation' },
  queja: { es: 'Queja', en: 'Complaint' },
  reclamo: { es: 'Reclamo', en: 'Claim' },
  sugerencia: { es: 'Sugerencia', en: 'Suggestion' },
  felicitacion: { es: 'Felicitación', en: 'Compliment' },
  denuncia: { es: 'Denuncia', en: 'Report of wrongdoing' },
};

export const PRIORITY_LABELS: Labels<TicketPriority> = {
  alta: { es: 'Alta', en: 'High' },
  media: { es: 'Media', en: 'Medium' },
  baja: { es: 'Baja', en: 'Low' },
};

export const STATUS_LABELS: Labels<TicketStatus> = {
  abierto: { es: 'Abierto', en: 'Open' },
  en_proceso: { es: 'En proceso', en: 'In progress' },
  pendiente: { es: 'Pendiente', en: 'Pending' },
  cerrado: { es: 'Cerrado', en: 'Closed' },
};

export const CHANNEL_LABELS: Labels<TicketChannel> = {
  web: { es: 'Web', en: 'Web' },
  email: { es: 'Correo electrónico', en: 'E-mail' },
  telefono: { es: 'Teléfono', en: 'Phone' },
  presencial: { es: 'Presencial', en: 'In person' },
  chat: { es: 'Chat', en: 'Chat' },
  erp: { es: 'ERP', en: 'ERP' },
};
