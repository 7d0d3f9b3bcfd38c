// Renders user-written Markdown to HTML that is safe to insert: marked parses, DOMPurify removes anything active
// (scripts, event handlers, javascript: links, forms, frames, styles).
import DOMPurify from 'dompurify';
import { marked } from 'marked';

marked.setOptions({ gfm: true, breaks: true });

export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false });
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'img'],
    FORBID_ATTR: ['style'],
    ALLOW_DATA_ATTR: false,
  });
}
