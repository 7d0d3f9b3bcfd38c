import { describe, expect, it } from 'vitest';
import { escapeHtml, renderSafeMarkdown } from './safe-markdown';

describe('renderSafeMarkdown', () => {
  it('renders Markdown (emphasis, lists, code) with every text escaped', () => {
    const html = renderSafeMarkdown('**bold** and `<b>`\n\n- one\n- two\n\n```\n<script>\n```');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<code>&lt;b&gt;</code>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('&lt;script&gt;');
  });

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['<div onclick="x">block</div>', '&lt;div onclick=&quot;x&quot;&gt;block&lt;/div&gt;'],
    ['<a href="javascript:x">l</a>', '&lt;a href=&quot;javascript:x&quot;&gt;l&lt;/a&gt;'],
  ])('shows raw HTML as text: %s', (source, escaped) => {
    const html = renderSafeMarkdown(source);
    expect(html).toContain(escaped);
    expect(html).not.toMatch(/<(script|img|div|a)\b/);
  });

  it('keeps only http(s), mailto and anchor links, and turns images into their alt text', () => {
    expect(renderSafeMarkdown('[ok](https://flink.apache.org)')).toContain(
      '<a href="https://flink.apache.org" rel="noopener noreferrer">ok</a>',
    );
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc',
    ]) {
      const html = renderSafeMarkdown(`[click](${bad})`);
      expect(html).not.toContain('<a');
      expect(html).toContain('click');
    }
    const image = renderSafeMarkdown('![the graph](http://example.org/g.png)');
    expect(image).not.toContain('<img');
    expect(image).toContain('[image: the graph]');
  });

  it('escapes quotes in attributes it writes', () => {
    expect(renderSafeMarkdown('[x](https://a.example/"onmouseover=alert(1))')).not.toContain('"onmouseover');
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
  });

  it('renders task lists as characters, not form inputs', () => {
    const html = renderSafeMarkdown('- [x] done\n- [ ] todo');
    expect(html).not.toContain('<input');
    expect(html).toContain('☑ done');
    expect(html).toContain('☐ todo');
  });
});
