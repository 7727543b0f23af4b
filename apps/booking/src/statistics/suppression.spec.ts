import { people, measure, rate, label, type StatTable, type Row } from './stat-table';
import { suppress } from './suppression';

function table(rows: Row[], partitions: StatTable['partitions'] = []): StatTable {
  return {
    name: 't',
    title: 't',
    columns: [
      label('group', 'Group'),
      people('total', 'Total'),
      people('a', 'A'),
      people('b', 'B'),
      people('c', 'C'),
      measure('median', 'Median of a', 'a'),
      rate('share', 'Share of a', ['a', 'total']),
    ],
    rows,
    partitions,
  };
}

const row = (total: number, a: number, b: number, c: number): Row => ({
  group: 'g',
  total,
  a,
  b,
  c,
  median: 12.5,
  share: total ? Math.round((1000 * a) / total) / 10 : null,
});

describe('suppress', () => {
  it('shows 5 people and hides 4, with the statistics taken over them', () => {
    const [five] = suppress(table([row(30, 5, 20, 5)])).rows;
    expect(five).toMatchObject({ a: 5, median: 12.5, share: 16.7 });
    const [four] = suppress(table([row(30, 4, 20, 6)])).rows;
    expect(four).toMatchObject({ a: '<5', median: '<5', share: '<5' });
  });

  it('shows zero, which describes nobody, and keeps empty figures empty', () => {
    const [zero] = suppress(table([{ ...row(0, 0, 0, 0), median: null }])).rows;
    expect(zero).toEqual({ group: 'g', total: 0, a: 0, b: 0, c: 0, median: null, share: null });
  });

  it('hides the smallest other part when one hidden part could be worked out from the total', () => {
    const partitions = [{ total: 'total', parts: ['a', 'b', 'c'] }];
    const [out] = suppress(table([row(30, 2, 20, 8)], partitions)).rows;
    expect(out).toMatchObject({ total: 30, a: '<5', b: 20, c: '<5' });
  });

  it('leaves a partition alone when two parts are already hidden', () => {
    const partitions = [{ total: 'total', parts: ['a', 'b', 'c'] }];
    const [out] = suppress(table([row(25, 2, 20, 3)], partitions)).rows;
    expect(out).toMatchObject({ total: 25, a: '<5', b: 20, c: '<5' });
  });

  it('protects an unpublished difference of 1–4 people', () => {
    // a is published, total is published, total − a = 3 is not: a must go.
    const partitions = [{ total: 'total', parts: ['a', '_rest'] }];
    const [out] = suppress(table([{ ...row(13, 10, 0, 0), _rest: 3 }], partitions)).rows;
    expect(out).toMatchObject({ total: 13, a: '<5' });
    expect(out).not.toHaveProperty('_rest');
  });

  it('follows a newly hidden cell into the other partitions it belongs to', () => {
    // a = c + b and total = a + b. c = 2 is hidden, so b goes (a − b would give c); then
    // total − a would give b, so a goes too.
    const partitions = [
      { total: 'a', parts: ['c', 'b'] },
      { total: 'total', parts: ['a', 'b'] },
    ];
    const [out] = suppress(table([row(18, 10, 8, 2)], partitions)).rows;
    expect(out).toMatchObject({ total: 18, a: '<5', b: '<5', c: '<5' });
  });
});
