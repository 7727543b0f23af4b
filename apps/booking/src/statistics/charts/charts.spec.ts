import { barChart } from './bar-chart';
import { lineChart } from './line-chart';

describe('charts', () => {
  it('draws a line per series and breaks it at a hidden value', () => {
    const svg = lineChart({
      id: 'q',
      title: 'Queue <length>',
      labels: ['2026-06-28', '2026-06-29', '2026-06-30'],
      series: [
        { name: 'basic', values: [6, '<5', 8] },
        { name: 'fast', values: ['<5', '<5', '<5'] },
      ],
    });
    expect(svg).toContain('<title id="q-title">Queue &lt;length&gt;</title>');
    expect(svg).toContain('role="img"');
    // Two separate moves for basic (gap in the middle), nothing for fast.
    expect(svg.match(/<path d="M[^"]*"/g)).toEqual([
      expect.stringMatching(/^<path d="M[\d.,]+ M[\d.,]+"$/),
    ]);
  });

  it('stacks bars and leaves hidden parts out', () => {
    const svg = barChart({
      id: 'r',
      title: 'Mix',
      categories: ['2026-03', '2026-04'],
      series: [
        { name: 'fast', values: ['<5', 0] },
        { name: 'basic', values: [5, 15] },
      ],
    });
    expect(svg.match(/class="bar"/g)).toHaveLength(2);
    expect(svg).toContain('>basic</text>');
  });
});
