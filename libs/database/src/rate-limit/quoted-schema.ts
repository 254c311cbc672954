const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name goes into SQL text (it cannot be a bound parameter), so only plain ones pass. */
export function quotedSchema(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`rate limit: unsafe schema name "${schema}"`);
  return `"${schema}"`;
}
