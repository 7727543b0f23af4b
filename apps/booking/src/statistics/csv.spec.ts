import { label, people, rate, type StatTable } from './stat-table';
import { toCsv } from './csv';

const table: StatTable = {
  name: 't',
  title: 't',
  columns: [label('name', 'Name'), people('count', 'Count'), rate('pct', 'Share', ['count'])],
  rows: [
    { name: 'Plain', count: 12, pct: 33.3 },
    { name: 'Comma, "quoted"', count: '<5', pct: '<5' },
    { name: '=HYPERLINK("x")', count: 0, pct: null },
    { name: 'Two\nlines', count: 7, pct: 0.5 },
  ],
  partitions: [],
};

describe('toCsv', () => {
  it('writes a BOM, the keys as header, CRLF lines, RFC 4180 quoting and no live formulas', () => {
    expect(toCsv(table)).toBe(
      '\uFEFFname,count,pct\r\n' +
        'Plain,12,33.3\r\n' +
        '"Comma, ""quoted""",<5,<5\r\n' +
        `"'=HYPERLINK(""x"")",0,\r\n` +
        '"Two\nlines",7,0.5\r\n',
    );
  });

  it('writes semicolons and decimal commas for Nordic spreadsheets', () => {
    expect(toCsv(table, 'semicolon').split('\r\n')[1]).toBe('Plain;12;33,3');
  });
});
