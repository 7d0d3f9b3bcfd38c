import { describe, expect, it } from 'vitest';
import { renderMarkdownReport } from './markdown-report';
import { testReportModel } from './test-report-model';

const model = testReportModel();
const { markdown, assets } = renderMarkdownReport(model, 'report-assets');
const lines = markdown.split('\n');

describe('renderMarkdownReport', () => {
  it('has the sections in order under one title', () => {
    expect(lines.filter((l) => l.startsWith('# '))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('## '))).toEqual([
      '## Summary',
      '## Hand-over',
      '## Hypotheses',
      '## Experiments',
      '## Verification (A/B/A)',
      '## Graphs',
      '## The nine rules',
      '## Timeline',
    ]);
    expect(lines.filter((l) => /^### \d\. /.test(l))).toHaveLength(9);
  });

  it('links each graph to its SVG file in the assets folder, and returns those files', () => {
    expect(markdown).toContain('](report-assets/run-1-direct.svg)');
    expect(assets.map((a) => a.path)).toEqual([
      'report-assets/run-1-direct.svg',
      'report-assets/run-2-direct.svg',
    ]);
    expect(assets[0]!.svg).toBe(model.graphs[0]!.svg);
  });

  it('writes one table row per event and per hypothesis, never broken by user text', () => {
    const timeline = lines.slice(lines.indexOf('## Timeline'));
    const rows = timeline.filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(model.events.length);
    // Five columns each: escaped pipes do not split cells.
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(5);
    const hypotheses = lines.slice(lines.indexOf('## Hypotheses'), lines.indexOf('## Experiments'));
    expect(hypotheses.filter((l) => /^\| [12] \|/.test(l))).toHaveLength(2);
  });

  it('never lets user text open HTML or break the outline', () => {
    // Every `<` from user text is escaped (\<) or an entity (&lt;): no renderer sees a tag.
    expect(markdown).not.toMatch(/(?<!\\)<script/);
    expect(markdown).toContain('&lt;script>');
    const note = lines.find((l) => l.includes('Heading in a note'));
    expect(note).toBe('> # Heading in a note');
    expect(markdown).toContain('- \\# Not a heading');
  });

  it('lists the checklist as task items saying whether a person or the evidence ticked them', () => {
    expect(markdown).toContain(
      '- [x] Simulated task failures by shutting containers down on a schedule — ticked by Peel from evidence, ',
    );
    expect(markdown).toContain('evidence: run #1 shut containers down 11× (run #1; proved by event #12)');
    expect(markdown).toContain(
      '- [x] Drew the job graph: every operator, its layer, parallelism and which memory it uses — ticked by alice, ',
    );
    expect(lines.filter((l) => l.startsWith('- [ ] ')).length).toBeGreaterThan(0);
  });

  it('ends with the chain head and the verify command', () => {
    const tail = lines.filter((l) => l.trim() !== '').slice(-2);
    expect(tail[0]).toContain(`head hash ${model.head.hash}`);
    expect(tail[1]).toBe(
      `Verify: \`npm run verify -- --db peel.sqlite --expect-head ${model.head.hash} --expect-count 7\``,
    );
  });
});
