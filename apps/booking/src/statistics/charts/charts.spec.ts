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

  it('wraps a legend of long names into rows below the plot instead of overlapping them', () => {
    const names = [
      'Mediaani päivää paikan varaukseen',
      'Mediaani päivää kurssin alkuun',
      'Odottaa yhä: mediaani päivää tähän mennessä',
    ];
    const svg = lineChart({
      id: 'w',
      title: 'Odotusajat',
      labels: ['2026-01', '2026-02'],
      series: names.map((name) => ({ name, values: [10, 20] })),
    });
    const texts = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" font-size="11">([^<]+)</g)]
      .filter((m) => names.includes(m[3]))
      .map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: m[3].length * 6.2 }));
    expect(texts).toHaveLength(3);
    for (const [i, a] of texts.entries()) {
      for (const b of texts.slice(i + 1)) {
        const apart = a.y !== b.y || a.x + a.width <= b.x || b.x + b.width <= a.x;
        expect(apart).toBe(true);
      }
    }
    expect(new Set(texts.map((t) => t.y)).size).toBeGreaterThan(1);
    const height = Number(/viewBox="0 0 640 (\d+)"/.exec(svg)?.[1]);
    expect(height).toBeGreaterThan(300);
    expect(Math.max(...texts.map((t) => t.y))).toBeLessThan(height);
  });
});
