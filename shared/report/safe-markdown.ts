// User-written Markdown to HTML for reports, without a DOM sanitiser: marked escapes every text and code token
// itself, so the only ways in for markup are raw HTML tokens, link and image URLs and task-list inputs. Each is
// overridden here: raw HTML is shown as escaped text, links keep only http(s), mailto and #anchors, images become
// their alt text (a report must not fetch anything), and task boxes are characters.
import { Marked, type Tokens } from 'marked';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

const SAFE_URL = /^(https?:\/\/|mailto:|#)/i;

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      const text = escapeHtml(token.text);
      return 'block' in token && token.block ? `<p>${text}</p>\n` : text;
    },
    link(token: Tokens.Link): string {
      const inner = this.parser.parseInline(token.tokens);
      const href = token.href.trim();
      if (!SAFE_URL.test(href)) return inner;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(href)}"${title} rel="noopener noreferrer">${inner}</a>`;
    },
    image(token: Tokens.Image): string {
      return `<span class="image-alt">[image: ${escapeHtml(token.text)}]</span>`;
    },
    checkbox({ checked }: Tokens.Checkbox): string {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

export function renderSafeMarkdown(source: string): string {
  return marked.parse(source) as string;
}
