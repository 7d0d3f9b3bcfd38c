// Shows sanitized Markdown. Links are not followed inside Peel (navigation away from the app is blocked anyway);
// their address is shown on hover.
import { useMemo } from 'react';
import { renderMarkdown } from './markdown';

export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: clicks on links inside are intercepted, not handled as an action
    // biome-ignore lint/a11y/useKeyWithClickEvents: same as above
    <div
      className={`markdown ${className ?? ''}`}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a')) event.preventDefault();
      }}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is sanitized by DOMPurify in renderMarkdown
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
