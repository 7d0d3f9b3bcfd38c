import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS, csvField, renderAuditCsv } from './audit-csv';
import { parseCsv } from './csv-parse.test-support';
import { HOSTILE, testReportModel } from './test-report-model';

describe('renderAuditCsv', () => {
  const model = testReportModel();
  const csv = renderAuditCsv(model.events, model.head, 'peel.sqlite');
  const rows = parseCsv(csv);

  it('has the stable header, one row per event in seq order, and a chain-head row last', () => {
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + model.events.length + 1);
    expect(rows.slice(1, -1).map((row) => row[0])).toEqual(['1', '2', '3']);
    for (const row of rows) expect(row).toHaveLength(AUDIT_CSV_COLUMNS.length);
  });

  it('writes UTC ISO 8601 times with milliseconds, the rule id, kind, category and both hashes', () => {
    const second = rows[2]!;
    const column = (name: (typeof AUDIT_CSV_COLUMNS)[number]) => second[AUDIT_CSV_COLUMNS.indexOf(name)];
    expect(column('time')).toBe('2026-01-05T09:30:02.123Z');
    expect(column('actor')).toBe('bob, "the reviewer"');
    expect(column('kind')).toBe('note.added');
    expect(column('category')).toBe('note');
    expect(column('rule')).toBe('keep-an-audit-trail');
    expect(column('prev_hash')).toBe('1'.padStart(64, '0'));
    expect(column('hash')).toBe('2'.padStart(64, '0'));
  });

  it('quotes commas, quotes and line breaks (RFC 4180) so they read back exactly', () => {
    const payload = rows[2]![AUDIT_CSV_COLUMNS.indexOf('payload')]!;
    expect(JSON.parse(payload)).toEqual({ seq: 2, text: HOSTILE });
    expect(rows[2]![AUDIT_CSV_COLUMNS.indexOf('description')]).toBe(`Wrote a note: ${HOSTILE}`);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('ends with the chain head and the command that verifies it', () => {
    const last = rows.at(-1)!;
    expect(last[0]).toBe('');
    expect(last[AUDIT_CSV_COLUMNS.indexOf('kind')]).toBe('chain.head');
    expect(last[AUDIT_CSV_COLUMNS.indexOf('hash')]).toBe(model.head.hash);
    expect(last[AUDIT_CSV_COLUMNS.indexOf('description')]).toContain(
      `npm run verify -- --db peel.sqlite --expect-head ${model.head.hash} --expect-count 7`,
    );
    expect(JSON.parse(last[AUDIT_CSV_COLUMNS.indexOf('payload')]!)).toEqual(model.head);
  });
});

describe('formula cells', () => {
  it('neutralises a cell that a spreadsheet would run, in whichever column it is', () => {
    for (const cell of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvField(cell).replace(/^"|"$/g, '')).toMatch(/^'/);
    }
    expect(csvField('plain')).toBe('plain');
    expect(csvField('{"a":1}')).toBe('"{""a"":1}"');
  });
});
