import pg from 'pg';

/** Distinct statements a process prepares at most (each connection may then hold this many). */
export const MAX_PREPARED_STATEMENTS = 200;
/** A statement is prepared from its second execution on: one-off statements (migrations, rare paths) never are. */
const EXECUTIONS_BEFORE_PREPARING = 1;
/** Distinct texts counted before the counts start over (dynamic SQL must not grow this without bound). */
const MAX_COUNTED_TEXTS = 2_000;

const WRITE_KEYWORD = /^\s*(?:INSERT|UPDATE|DELETE)\b|\b(?:INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM)\b/i;
const LEADING_WITH_OR_WRITE = /^\s*(?:WITH|INSERT|UPDATE|DELETE)\b/i;

/**
 * Whether `text` is a data-changing statement: INSERT, UPDATE or DELETE, or a `WITH` whose CTEs
 * change data. Reads are left alone on purpose: a prepared statement may switch to PostgreSQL's
 * generic plan, which ignores the values, and a list or search query's best plan depends on them;
 * a write has one sensible plan whatever its values.
 */
export function isDataChangingStatement(text: string): boolean {
  return LEADING_WITH_OR_WRITE.test(text) && WRITE_KEYWORD.test(text);
}

/**
 * Names of the prepared writes of this process, by statement text. Shared by every connection
 * of every pool: the same text always gets the same name, so a connection prepares it once
 * (pg remembers what it parsed per connection) and every later execution skips parsing and
 * planning on the server.
 */
export class PreparedWriteNames {
  private readonly executions = new Map<string, number>();
  private readonly names = new Map<string, string>();

  constructor(private readonly max = MAX_PREPARED_STATEMENTS) {}

  /** The statement's name, or undefined to run it unnamed (not a write, not seen before, or the process is at its limit). */
  nameFor(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined) return name;
    if (this.names.size >= this.max || !isDataChangingStatement(text)) return undefined;
    const seen = this.executions.get(text) ?? 0;
    if (seen < EXECUTIONS_BEFORE_PREPARING) {
      if (this.executions.size >= MAX_COUNTED_TEXTS) this.executions.clear();
      this.executions.set(text, seen + 1);
      return undefined;
    }
    this.executions.delete(text);
    const named = `crm_write_${this.names.size + 1}`;
    this.names.set(text, named);
    return named;
  }

  get size(): number {
    return this.names.size;
  }
}

const processNames = new PreparedWriteNames();

/**
 * pg's Client, preparing the process's repeated writes (see PreparedWriteNames). Measured on the
 * public PQR filing: PostgreSQL's CPU per ticket went down by a fifth (bench/README.md), most of it
 * the planning of the ticket's and the contact's multi-CTE statements. Used by every service's pool
 * (`extra.Client`). Not for a transaction-pooling PgBouncer in front of PostgreSQL: named
 * statements live on one server connection (docs/decisions.md).
 */
export class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [config, values, callback] = args;
    if (typeof config === 'string' && Array.isArray(values)) {
      const name = processNames.nameFor(config);
      if (name !== undefined) return (super.query as (...a: unknown[]) => never)({ name, text: config, values }, ...(callback === undefined ? [] : [callback]));
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
