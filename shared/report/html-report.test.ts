// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { inlineSvg, renderHtmlReport } from './html-report';
import { REPORT_CSS } from './report-css';
import { testReportModel } from './test-report-model';

const model = testReportModel();
const html = renderHtmlReport(model);
const doc = new DOMParser().parseFromString(html, 'text/html');
const text = (selector: string) => doc.querySelector(selector)?.textContent ?? '';

describe('renderHtmlReport', () => {
  it('carries a Content-Security-Policy that lets nothing run or load, as a second line of defence', () => {
    const html = renderHtmlReport(testReportModel());
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style'));
  });

  it('carries no script and no event handler, whatever the user wrote', () => {
    expect(html).not.toMatch(/<script/i);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(
      [...doc.querySelectorAll('*')]
        .flatMap((el) => el.getAttributeNames())
        .filter((n) => n.startsWith('on')),
    ).toEqual([]);
    expect(doc.querySelectorAll('a[href^="javascript"]')).toHaveLength(0);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('keeps user text as text: the title reads exactly as written', () => {
    expect(text('h1')).toBe(model.investigation.title);
    // <title> collapses white space, as browsers show it.
    expect(doc.title).toBe(`Postmortem: ${model.investigation.title.replace(/\s+/g, ' ')}`);
  });

  it('has every section in order, with the contents linking to them', () => {
    const ids = [...doc.querySelectorAll('main > section')].map((s) => s.id);
    expect(ids).toEqual([
      'summary',
      'handover',
      'hypotheses',
      'experiments',
      'verification',
      'graphs',
      'rules',
      'timeline',
    ]);
    const links = [...doc.querySelectorAll('nav.toc a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual([...ids.map((id) => `#${id}`), '#chain-head']);
  });

  it('writes the tables a reader expects: hypotheses, experiments by run, the A/B/A steps, the timeline', () => {
    expect(doc.querySelectorAll('#hypotheses tbody tr')).toHaveLength(2);
    expect(text('#hypotheses tbody tr')).toContain('refuted');
    expect(doc.querySelectorAll('#experiments tbody tr')).toHaveLength(2);
    expect(doc.querySelectorAll('#verification tbody tr')).toHaveLength(2);
    expect(doc.querySelectorAll('#timeline tbody tr')).toHaveLength(model.events.length);
    expect(text('#timeline tbody tr:nth-child(2)')).toContain('2026-01-05T09:30:02Z');
    expect(doc.querySelectorAll('#rules h3')).toHaveLength(9 + 1);
  });

  it('inlines each graph as SVG with its own clip path id', () => {
    const svgs = doc.querySelectorAll('#graphs figure svg');
    expect(svgs).toHaveLength(2);
    expect(html).not.toContain('<?xml');
    const clips = [...doc.querySelectorAll('clipPath')].map((c) => c.id);
    expect(clips).toEqual(['plot-clip-run-1', 'plot-clip-run-2']);
    expect(inlineSvg(model.graphs[0]!.svg, 'x')).toContain('url(#plot-clip-x)');
  });

  it('renders notes from Markdown through the safe path', () => {
    const note = doc.querySelector('#rules blockquote.note');
    expect(note?.querySelector('h1')?.textContent).toBe('Heading in a note');
    expect(note?.querySelector('code')?.textContent).toBe('<b>code</b>');
    expect(note?.textContent).toContain('corrected 1×');
  });

  it('is printable: the stylesheet is the one the CSP allows, light, with page breaks', () => {
    expect(doc.querySelector('style')?.textContent).toBe(REPORT_CSS);
    expect(REPORT_CSS).toContain('@media print');
    expect(REPORT_CSS).toMatch(/section\.timeline[^{]*\{ break-before: page/);
    expect(REPORT_CSS).toContain('thead { display: table-header-group; }');
    expect(REPORT_CSS).not.toMatch(/url\(/);
  });

  it('ends with the chain head and how to verify it', () => {
    const footer = doc.querySelector('main > footer#chain-head');
    expect(footer).toBe(doc.querySelector('main')?.lastElementChild);
    expect(footer?.textContent).toContain(`head hash ${model.head.hash}`);
    expect(footer?.textContent).toContain(
      `npm run verify -- --db peel.sqlite --expect-head ${model.head.hash} --expect-count 7`,
    );
  });
});
