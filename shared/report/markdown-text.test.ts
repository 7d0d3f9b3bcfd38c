import { describe, expect, it } from 'vitest';
import { mdCode, mdInline, mdLine, mdQuote, mdTable, mdUserMarkdown } from './markdown-text';

describe('Markdown text', () => {
  it('keeps inline text plain: table pipes, emphasis, links and tags are escaped, line breaks folded', () => {
    expect(mdInline('a | b *c* [d](e) <script> `f`\nnext')).toBe(
      'a \\| b \\*c\\* \\[d\\](e) \\<script\\> \\`f\\` next',
    );
    expect(mdInline('3. Quit Thinking and Look')).toBe('3. Quit Thinking and Look');
  });

  it('keeps text that starts a line from becoming a heading, quote or list', () => {
    expect(mdLine('# Not a heading')).toBe('\\# Not a heading');
    expect(mdLine('1. not a list')).toBe('1\\. not a list');
    expect(mdLine('- nor this')).toBe('\\- nor this');
    expect(mdLine('plain')).toBe('plain');
  });

  it('shows raw HTML in a note as text but leaves code spans and fenced blocks alone', () => {
    const note = 'Try <script>x</script> and `<b>` here\n```\n<div>kept</div>\n```\nafter <i>';
    expect(mdUserMarkdown(note)).toBe(
      'Try &lt;script>x&lt;/script> and `<b>` here\n```\n<div>kept</div>\n```\nafter &lt;i>',
    );
    // An unmatched backtick is literal text, so the tag after it is still neutralised.
    expect(mdUserMarkdown('a ` <b>')).toBe('a ` &lt;b>');
  });

  it('quotes blocks line by line and fences code with more backticks than it holds', () => {
    expect(mdQuote('# h\n\nbody')).toBe('> # h\n>\n> body');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
  });

  it('writes GitHub tables with a separator row', () => {
    expect(
      mdTable(
        ['A', 'B'],
        [
          ['1', ''],
          ['x', 'y'],
        ],
      ),
    ).toBe('| A | B |\n| --- | --- |\n| 1 |   |\n| x | y |');
  });
});

describe('links in a note', () => {
  it('keeps web, mail and anchor links and drops javascript: and data: targets to their text, outside code only', () => {
    const note = [
      'see [the runbook](https://example.org/run "Runbook") and [me](mailto:a@b.c), [top](#top)',
      'click [here](javascript:alert(1)) or [there]( javascript:alert(2) ) ![x](data:image/png;base64,AAA)',
      '[ref]: javascript:alert(3)',
      'in code: `[c](javascript:kept)`',
    ].join('\n');
    expect(mdUserMarkdown(note).split('\n')).toEqual([
      'see [the runbook](https://example.org/run "Runbook") and [me](mailto:a@b.c), [top](#top)',
      'click here or there [image: x]',
      '[ref]: (link removed)',
      'in code: `[c](javascript:kept)`',
    ]);
  });
});
