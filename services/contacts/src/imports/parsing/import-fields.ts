/** Contact fields a file column can be mapped to (`options.mapping` values), plus `ignore`. */
export const IMPORT_FIELDS = [
  'kind',
  'lifecycle',
  'firstName',
  'lastName',
  'companyName',
  'email',
  'phone',
  'position',
  'taxId',
  'street',
  'city',
  'region',
  'postalCode',
  'country',
  'website',
  'linkedinUrl',
  'industry',
  'category',
  'tags',
  'priority',
  'interestLevel',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const IGNORE_COLUMN = 'ignore';

/** "Correo Electrónico " → "correo electronico": case, accents and punctuation do not matter. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Spanish and English headers recognised without a mapping (compared after normaliseHeader). */
const DEFAULT_HEADERS: Record<ImportField, readonly string[]> = {
  kind: ['tipo', 'tipo de contacto', 'tipo contacto', 'tipo de persona', 'kind', 'type', 'contact type'],
  lifecycle: ['etapa', 'ciclo de vida', 'etapa del ciclo', 'lifecycle', 'lifecycle stage', 'stage'],
  firstName: ['nombre', 'nombres', 'primer nombre', 'first name', 'firstname', 'given name', 'name'],
  lastName: ['apellido', 'apellidos', 'last name', 'lastname', 'surname', 'family name'],
  companyName: ['empresa', 'compania', 'razon social', 'organizacion', 'nombre empresa', 'nombre de la empresa', 'company', 'company name', 'organization', 'organisation'],
  email: ['correo', 'correo electronico', 'email', 'e mail', 'mail', 'email address', 'e mail address'],
  phone: ['telefono', 'tel', 'celular', 'movil', 'telefono movil', 'whatsapp', 'phone', 'phone number', 'mobile', 'telephone'],
  position: ['cargo', 'puesto', 'position', 'job title'],
  taxId: ['nit', 'tax id', 'taxid', 'rut', 'cif', 'nif', 'rfc', 'ruc', 'cuit', 'identificacion tributaria', 'numero de identificacion', 'vat', 'vat number'],
  street: ['direccion', 'calle', 'address', 'street', 'street address'],
  city: ['ciudad', 'municipio', 'city', 'town'],
  region: ['departamento', 'region', 'provincia', 'state', 'province'],
  postalCode: ['codigo postal', 'postal code', 'zip', 'zip code', 'postcode'],
  country: ['pais', 'country'],
  website: ['sitio web', 'pagina web', 'web', 'website', 'url'],
  linkedinUrl: ['linkedin', 'perfil linkedin', 'linkedin url'],
  industry: ['industria', 'sector', 'industry'],
  category: ['categoria', 'category'],
  tags: ['etiquetas', 'etiqueta', 'tags', 'tag'],
  priority: ['prioridad', 'priority'],
  interestLevel: ['nivel de interes', 'interes', 'interest level', 'interest'],
};

const DEFAULT_LOOKUP = new Map<string, ImportField>(
  (Object.entries(DEFAULT_HEADERS) as [ImportField, readonly string[]][]).flatMap(([field, headers]) => headers.map((header) => [header, field] as const)),
);

/** Column index → field, for every column that maps to something. */
export type ColumnPlan = Map<ImportField, number[]>;

/**
 * Decides which column feeds which field: the caller's mapping (headers compared loosely) wins,
 * then the Spanish/English defaults. Several columns may feed one field: the first non-empty wins.
 */
export function planColumns(headers: readonly string[], mapping: Record<string, string> = {}): ColumnPlan {
  const explicit = new Map<string, string>(Object.entries(mapping).map(([header, field]) => [normaliseHeader(header), field]));
  const plan: ColumnPlan = new Map();
  headers.forEach((header, index) => {
    const key = normaliseHeader(header);
    const chosen = explicit.has(key) ? explicit.get(key) : DEFAULT_LOOKUP.get(key);
    if (!chosen || chosen === IGNORE_COLUMN) return;
    const field = chosen as ImportField;
    plan.set(field, [...(plan.get(field) ?? []), index]);
  });
  return plan;
}
