import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { isDataChangingStatement, PreparedWriteNames, PreparingClient } from '@crm/database';

const SCHEMA = `itest_prepared_${process.pid}`;

describe('prepared writes', () => {
  it('takes writes (also a WITH that writes) and leaves reads alone', () => {
    expect(isDataChangingStatement('INSERT INTO t (a) VALUES ($1)')).toBe(true);
    expect(isDataChangingStatement('  update t SET a = $1 WHERE id = $2')).toBe(true);
    expect(isDataChangingStatement('DELETE FROM t WHERE id = $1')).toBe(true);
    expect(isDataChangingStatement('WITH claim AS (INSERT INTO inbox (id) VALUES ($1) RETURNING id) SELECT 1 FROM claim')).toBe(true);
    expect(isDataChangingStatement('SELECT * FROM t WHERE a = $1')).toBe(false);
    expect(isDataChangingStatement('WITH x AS (SELECT 1) SELECT * FROM x WHERE a = $1')).toBe(false);
    // A read that only mentions the words in a literal or a column name is still a read.
    expect(isDataChangingStatement("SELECT 'insert' AS kind, updated_at FROM t WHERE a = $1")).toBe(false);
  });

  it('names a write from its second execution on, the same text always the same name, up to its limit', () => {
    const names = new PreparedWriteNames(2);
    const a = 'INSERT INTO t (a) VALUES ($1)';
    const b = 'UPDATE t SET a = $1';
    const c = 'DELETE FROM t WHERE a = $1';
    expect(names.nameFor(a)).toBeUndefined();
    const first = names.nameFor(a);
    expect(first).toMatch(/^crm_write_\d+$/);
    expect(names.nameFor(a)).toBe(first);
    expect(names.nameFor(b)).toBeUndefined();
    expect(names.nameFor(b)).not.toBe(first);
    expect(names.size).toBe(2);
    // At the limit a new text runs unnamed, however often it comes.
    for (let i = 0; i < 3; i++) expect(names.nameFor(c)).toBeUndefined();
    expect(names.nameFor('SELECT 1 WHERE $1::int = 1')).toBeUndefined();
  });

  describe('on the real database', () => {
    let pool: pg.Pool;

    beforeAll(async () => {
      const url = process.env.DATABASE_URL;
      if (!url) throw new Error('needs the Jest global setup (DATABASE_URL)');
      pool = new pg.Pool({ connectionString: url, max: 1, Client: PreparingClient });
      await pool.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
      await pool.query(`CREATE SCHEMA ${SCHEMA}`);
      await pool.query(`CREATE TABLE ${SCHEMA}.item (id int PRIMARY KEY, label text NOT NULL)`);
    });

    afterAll(async () => {
      await pool?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
      await pool?.end();
    });

    it('prepares a repeated write once on the connection and keeps its results and errors', async () => {
      const insert = `INSERT INTO ${SCHEMA}.item (id, label) VALUES ($1, $2) RETURNING id, label`;
      const rows = [];
      for (let id = 1; id <= 4; id++) rows.push(...(await pool.query(insert, [id, `item ${id}`])).rows);
      expect(rows).toEqual([1, 2, 3, 4].map((id) => ({ id, label: `item ${id}` })));
      const prepared = await pool.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
      expect(prepared.rows.map((row) => row.statement)).toEqual([insert]);
      // A failing execution of the prepared statement reports PostgreSQL's error and leaves the
      // connection usable, the statement still prepared.
      await expect(pool.query(insert, [1, 'again'])).rejects.toMatchObject({ code: '23505' });
      expect((await pool.query(insert, [5, 'item 5'])).rows).toEqual([{ id: 5, label: 'item 5' }]);
      const select = `SELECT label FROM ${SCHEMA}.item WHERE id = $1`;
      for (let i = 0; i < 3; i++) expect((await pool.query(select, [5])).rows).toEqual([{ label: 'item 5' }]);
      expect((await pool.query('SELECT count(*)::int AS n FROM pg_prepared_statements')).rows).toEqual([{ n: 1 }]);
    });
  });
});
