import { describe, expect, it } from 'vitest';
import { buildWhere, openSqliteDatabase } from '@/lib/sqlite';

describe('buildWhere', () => {
  it('matches every condition given a value, leaves out the empty ones, and filters nothing without any', () => {
    const db = openSqliteDatabase(':memory:');
    try {
      db.exec("CREATE TABLE t (name TEXT, at TEXT); INSERT INTO t VALUES ('a', '1'), ('a', '3'), ('b', '2'), ('b', '4')");
      const select = (conditions: Parameters<typeof buildWhere>[0]) => {
        const { where, values } = buildWhere(conditions);
        return db.prepare(`SELECT name, at FROM t ${where} ORDER BY at`).all(values).map((row) => `${String(row.name)}${String(row.at)}`);
      };
      expect(select([{ column: 'name', value: 'b' }, { column: 'at', value: '3', operator: '>=' }])).toEqual(['b4']);
      expect(select([{ column: 'name', value: '' }, { column: 'at', value: '3', operator: '>=' }])).toEqual(['a3', 'b4']);
      expect(select([{ column: 'name', value: undefined }])).toEqual(['a1', 'b2', 'a3', 'b4']);
      expect(buildWhere([])).toEqual({ where: '', values: {} });
    } finally {
      db.close();
    }
  });
});
