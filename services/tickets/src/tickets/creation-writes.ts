/** One part of a statement: its SQL numbers its own parameters from `$1`. */
export interface SqlPart {
  sql: string;
  params: readonly unknown[];
}

const shifted = new Map<string, Map<number, string>>();

/**
 * `sql` with every `$n` moved past `offset` earlier parameters (the parts are our own SQL: no `$`
 * in literals). Remembered: the same texts come back at the same offsets for every ticket.
 */
export function shiftParams(sql: string, offset: number): string {
  if (offset === 0) return sql;
  let byOffset = shifted.get(sql);
  const known = byOffset?.get(offset);
  if (known !== undefined) return known;
  const result = sql.replace(/\$(\d+)/g, (_match, n: string) => `$${Number(n) + offset}`);
  if (!byOffset) {
    if (shifted.size >= 500) shifted.clear();
    shifted.set(sql, (byOffset = new Map()));
  }
  byOffset.set(offset, result);
  return result;
}

/**
 * The rows a ticket's creation writes together with its radicado, in the radicado's one
 * statement (RadicadoService.assign): the ticket itself, its clocks, its events, its history and
 * whatever the caller adds (an e-mail's log row and files, a public filing's files). Each is a
 * data-modifying CTE; foreign keys to the ticket are checked at the end of the statement, so the
 * order of the parts does not matter. A part may name `counter.radicado` only through
 * `(SELECT radicado FROM counter)`.
 */
export class CreationWrites {
  private readonly parts: { name: string; part: SqlPart }[] = [];

  /** A data-modifying CTE `name AS (<sql>)`. */
  add(name: string, part: SqlPart): void {
    if (!/^[a-z_]+$/.test(name) || this.parts.some((known) => known.name === name)) throw new Error(`bad or repeated CTE name ${name}`);
    this.parts.push({ name, part });
  }

  /** The CTEs (`name AS (…)`) with their parameters numbered after `firstParam - 1` others. */
  render(firstParam: number): { ctes: string[]; params: unknown[] } {
    const params: unknown[] = [];
    const ctes = this.parts.map(({ name, part }) => {
      const sql = shiftParams(part.sql, firstParam - 1 + params.length);
      params.push(...part.params);
      return `${name} AS (${sql})`;
    });
    return { ctes, params };
  }
}
