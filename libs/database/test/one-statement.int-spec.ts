import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { finalStatement, oneStatementOrTransaction } from '@crm/database';

const SCHEMA = `itest_one_statement_${process.pid}`;

describe('oneStatementOrTransaction on the real database', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('needs the Jest global setup (DATABASE_URL)');
    dataSource = await new DataSource({ type: 'postgres', url, extra: { max: 2 } }).initialize();
    await dataSource.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await dataSource.query(`CREATE SCHEMA ${SCHEMA}`);
    await dataSource.query(`CREATE TABLE ${SCHEMA}.row (id int PRIMARY KEY, tx bigint NOT NULL)`);
    // Counts the transactions begun (TypeORM's START TRANSACTION), whoever begins them.
    const create = dataSource.createQueryRunner.bind(dataSource);
    dataSource.createQueryRunner = (...args) => {
      const runner = create(...args);
      const start = runner.startTransaction.bind(runner);
      runner.startTransaction = (...startArgs) => {
        transactionsBegun++;
        return start(...startArgs);
      };
      return runner;
    };
  });

  let transactionsBegun = 0;

  afterAll(async () => {
    await dataSource?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await dataSource?.destroy();
  });

  const insert = (id: number) => `INSERT INTO ${SCHEMA}.row (id, tx) VALUES ($1, txid_current()) RETURNING ${id} AS id, tx::text`;

  it('runs work that is only its final statement once, on its own', async () => {
    let runs = 0;
    transactionsBegun = 0;
    const [row] = await oneStatementOrTransaction(dataSource, async (em) => {
      runs++;
      return finalStatement<{ tx: string }[]>(em, insert(1), [1]);
    });
    expect(runs).toBe(1);
    expect(transactionsBegun).toBe(0);
    expect(row).toEqual({ id: 1, tx: expect.stringMatching(/^\d+$/) });
    expect(await dataSource.query(`SELECT id FROM ${SCHEMA}.row WHERE id = 1`)).toEqual([{ id: 1 }]);
  });

  it('runs work with a statement before the final one again, from the start, in one transaction', async () => {
    let runs = 0;
    transactionsBegun = 0;
    const result = await oneStatementOrTransaction(dataSource, async (em) => {
      runs++;
      const [before] = (await em.query('SELECT txid_current()::text AS tx, pg_sleep(0.01)')) as { tx: string }[];
      const [after] = await finalStatement<{ tx: string }[]>(em, insert(2), [2]);
      return { before: before!.tx, after: after!.tx };
    });
    expect(runs).toBe(2);
    expect(transactionsBegun).toBe(1);
    // The look-up and the final statement saw the same transaction id: one transaction.
    expect(result.after).toBe(result.before);
    expect(await dataSource.query(`SELECT id FROM ${SCHEMA}.row WHERE id = 2`)).toEqual([{ id: 2 }]);
  });

  it('runs work that locks rows first (which TypeORM allows only in a transaction) again in one', async () => {
    let runs = 0;
    transactionsBegun = 0;
    await oneStatementOrTransaction(dataSource, async (em) => {
      runs++;
      await em.createQueryBuilder().select('r.id').from(`${SCHEMA}.row`, 'r').setLock('pessimistic_write').getRawMany();
      await finalStatement(em, insert(5), [5]);
    });
    expect([runs, transactionsBegun]).toEqual([2, 1]);
    expect(await dataSource.query(`SELECT id FROM ${SCHEMA}.row WHERE id = 5`)).toEqual([{ id: 5 }]);
  });

  it('writes nothing when the final statement fails, and reports its error', async () => {
    await expect(oneStatementOrTransaction(dataSource, (em) => finalStatement(em, `INSERT INTO ${SCHEMA}.row (id, tx) VALUES ($1, 1), ($1, 2)`, [3]))).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23505' }),
    });
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.row WHERE id = 3`)).toEqual([{ n: 0 }]);
  });

  it('refuses a statement after the final one (which has committed) instead of running the work twice', async () => {
    let runs = 0;
    await expect(
      oneStatementOrTransaction(dataSource, async (em) => {
        runs++;
        await finalStatement(em, insert(4), [4]);
        await em.query('SELECT 1');
      }),
    ).rejects.toThrow(/after the final one/);
    expect(runs).toBe(1);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.row WHERE id = 4`)).toEqual([{ n: 1 }]);
  });
});
