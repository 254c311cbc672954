import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

const FINAL_STATEMENT = Symbol('crm:finalStatement');

/** The first try of {@link oneStatementOrTransaction} met a statement before the final one. */
class NeedsTransaction extends Error {
  constructor() {
    super('this work needs a transaction (a statement before its final one)');
  }
}

type FinalRunner = (sql: string, params: readonly unknown[]) => Promise<unknown>;

/**
 * Runs `work` whose last statement ({@link finalStatement}) does all its writing, in the fewest
 * round trips: first with no transaction, where the final statement runs on its own (one
 * statement is atomic: BEGIN and COMMIT would be two more round trips for nothing); if the work
 * sends any other statement first (a look-up, a lock, an ORM call), that statement is not sent,
 * and the work runs again from the start in a transaction. So `work` must do nothing but compute
 * before its statements (no other side effects), and nothing after the final one: a statement
 * after it throws, the final one having committed.
 *
 * Used by the public PQR filing: its creation is usually the radicado's one statement (issue #8).
 */
export async function oneStatementOrTransaction<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  let finalSent = false;
  const refuse = (): never => {
    if (finalSent) throw new Error('a statement after the final one (oneStatementOrTransaction): the final one has committed');
    throw new NeedsTransaction();
  };
  const realQuery = runner.query.bind(runner) as (sql: string, params?: unknown[]) => Promise<unknown>;
  runner.query = refuse as QueryRunner['query'];
  // Said to be in a transaction so that code requiring one (a pessimistic lock, the outbox) goes
  // as far as its statement, which is then refused: nothing but the final statement is ever sent.
  (runner as { isTransactionActive: boolean }).isTransactionActive = true;
  runner.startTransaction = refuse as QueryRunner['startTransaction'];
  const final: FinalRunner = (sql, params) => {
    if (finalSent) refuse();
    finalSent = true;
    return realQuery(sql, [...params]);
  };
  Object.defineProperty(runner, FINAL_STATEMENT, { value: final });
  try {
    return await work(runner.manager);
  } catch (error) {
    if (!(error instanceof NeedsTransaction)) throw error;
  } finally {
    await runner.release();
  }
  return dataSource.transaction(work);
}

/**
 * The work's final statement: on its own under {@link oneStatementOrTransaction}'s first try,
 * otherwise an ordinary statement of `em` (its transaction, when it has one).
 */
export async function finalStatement<T = unknown>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<T> {
  const final = (em.queryRunner as unknown as Record<symbol, FinalRunner | undefined> | undefined)?.[FINAL_STATEMENT];
  return (final ? await final(sql, params) : await em.query(sql, [...params])) as T;
}
