/** Spanish titles of the contact's own history entries (contact_change kinds). */
const TITLES: Record<string, string> = {
  created: 'Contacto creado',
  updated: 'Datos actualizados',
  assigned: 'Contacto asignado',
  document_uploaded: 'Documento adjuntado',
  document_deleted: 'Documento eliminado',
  converted: 'Contacto convertido',
  merged: 'Contactos fusionados',
  note_added: 'Nota agregada',
  consent_changed: 'Autorización de datos actualizada',
  anonymized: 'Datos personales anonimizados',
};

export function changeTitle(kind: string, details: Record<string, unknown>): string {
  const base = TITLES[kind] ?? kind.replace(/_/g, ' ');
  if (kind === 'assigned' && typeof details.ownerName === 'string') return `${base} a ${details.ownerName}`;
  if ((kind === 'document_uploaded' || kind === 'document_deleted') && typeof details.fileName === 'string') return `${base}: ${details.fileName}`;
  if (kind === 'consent_changed') return details.granted === false ? 'Autorización de mercadeo retirada' : 'Autorización de mercadeo otorgada';
  return base;
}
