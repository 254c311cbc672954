const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names end up inside SQL text (they cannot be bound parameters), so only plain ones pass. */
export function assertSqlIdentifier(name: string): void {
  if (!IDENTIFIER.test(name)) throw new Error(`messaging: unsafe SQL identifier "${name}"`);
}

export function quoteIdent(name: string): string {
  assertSqlIdentifier(name);
  return `"${name}"`;
}

/** `LISTEN`/`pg_notify` channel the relay of a schema waits on. */
export function outboxChannel(schema: string): string {
  assertSqlIdentifier(schema);
  return `${schema}_outbox`;
}
