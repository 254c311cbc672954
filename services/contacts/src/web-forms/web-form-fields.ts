/** Fields a public form may collect; `email` and `firstName` are always collected (and required). */
export const FORM_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'companyName', 'position', 'city', 'country', 'message', 'acceptsMarketing'] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export const REQUIRED_FORM_FIELDS: readonly FormField[] = ['firstName', 'email'];

/** Hidden field of the HTML form: people leave it empty, bots fill it. */
export const HONEYPOT_FIELD = 'website_url';

/** The allowed list as stored: the required ones first, no repeats, in catalogue order. */
export function normaliseAllowedFields(fields: readonly FormField[] | undefined): FormField[] {
  const wanted = new Set<FormField>([...REQUIRED_FORM_FIELDS, ...(fields ?? FORM_FIELDS)]);
  return FORM_FIELDS.filter((field) => wanted.has(field));
}
