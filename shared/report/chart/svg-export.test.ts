// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { FALLBACK_THEMES } from './chart-theme-values';
import { markerEvents } from './event-markers';
import { chartToSvg, type SvgChartModel, svgPlotBox } from './svg-export';
import { escapeXml } from './svg-markup';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

function model(overrides: Partial<SvgChartModel> = {}): SvgChartModel {
  return {
    title: 'Direct memory <run #3> & "friends"',
    subtitle: 'Status.JVM.Memory.Direct.MemoryUsed',
    width: 900,
    height: 400,
    theme: FALLBACK_THEMES.light,
    unit: 'bytes',
    window: { fromSec: 0, toSec: 7200 },
    yRange: { min: 0, max: 1.25 * GiB },
    series: [
      {
        id: 'tm-1',
        label: 'tm-1',
        color: '#1f6fc5',
        timesSec: Float64Array.from([0, 1800, 3600, 3601, 3700, 7200]),
        values: Float64Array.from([300 * MiB, 420 * MiB, Number.NaN, Number.NaN, 550 * MiB, 700 * MiB]),
      },
    ],
    limits: [{ value: GiB, label: 'direct memory limit' }],
    events: markerEvents([
      { t: 3600, kind: 'container-shutdown', taskManager: 'tm-1', message: 'SIGTERM <graceful>' },
      {
        t: 5000,
        kind: 'oom',
        taskManager: 'tm-1',
        message: 'java.lang.OutOfMemoryError: Direct buffer memory',
      },
    ]),
    legend: [{ label: 'tm-1', color: '#1f6fc5' }],
    ...overrides,
  };
}

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

describe('chartToSvg', () => {
  it('writes a well-formed SVG with the title, axes, series, limit, markers and legend', () => {
    const doc = parse(chartToSvg(model()));
    const texts = [...doc.getElementsByTagName('text')].map((t) => t.textContent);
    expect(texts).toContain('Direct memory <run #3> & "friends"');
    expect(texts).toContain('1 GiB');
    expect(texts).toContain('512 MiB');
    expect(texts).toContain('1:00');
    expect(texts).toContain('direct memory limit 1 GiB');
    expect(texts).toContain('tm-1');
    expect(doc.querySelectorAll('.events .event')).toHaveLength(2);
    expect(doc.querySelector('.event[data-kind="oom"] title')?.textContent).toContain('OutOfMemoryError');
  });

  it('breaks the series line at the gap', () => {
    const doc = parse(chartToSvg(model()));
    const d = doc.querySelector('g[clip-path] path')?.getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
  });

  it('draws the limit line at the y of its value', () => {
    const m = model();
    const { plot } = svgPlotBox(m, 1);
    const doc = parse(chartToSvg(m));
    const line = doc.querySelector('.limit line')!;
    const expected = plot.top + plot.height * (1 - GiB / (1.25 * GiB));
    expect(Number(line.getAttribute('y1'))).toBeCloseTo(expected, 1);
    expect(line.getAttribute('y1')).toBe(line.getAttribute('y2'));
  });

  it('escapes every piece of text, event messages included', () => {
    const svg = chartToSvg(model());
    expect(svg).not.toContain('<run #3>');
    expect(svg).toContain('&lt;run #3&gt; &amp; &quot;friends&quot;');
    expect(svg).toContain('SIGTERM &lt;graceful&gt;');
  });

  it('leaves out a limit above the visible range', () => {
    const doc = parse(chartToSvg(model({ yRange: { min: 0, max: 800 * MiB } })));
    expect(doc.querySelector('.limit')).toBeNull();
  });
});

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
