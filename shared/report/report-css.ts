// The HTML report's one stylesheet: readable on screen, printable (A4, page breaks before the long sections, rows
// and figures never split, table headers repeated, no dark backgrounds even in a dark-mode browser). It is a
// constant so the app's Content-Security-Policy can allow exactly this inline style by its hash (REPORT_STYLE_SHA256
// in shared/contract/content-security-policy.ts, checked by a test), which lets a browser print the report from a new tab.
export const REPORT_CSS = `
:root { color-scheme: light; --text: #1c2027; --muted: #5b6472; --rule: #d5dae1; --soft: #f3f5f8; --ok: #1f7a4d;
  --bad: #b42d2d; --accent: #d9661f; }
* { box-sizing: border-box; }
html { background: #fff; }
body { margin: 0; color: var(--text); background: #fff; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main.report { max-width: 1000px; margin: 0 auto; padding: 32px 28px 48px; }
h1 { font-size: 26px; line-height: 1.25; margin: 4px 0 8px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
h3 { font-size: 16px; margin: 24px 0 8px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--accent); margin: 0; font-weight: 600; }
.meta, .muted, figcaption, .note footer, .summary-line { color: var(--muted); }
code, .hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
.hash { word-break: break-all; }
a { color: #1f5fb4; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--rule); }
th { background: var(--soft); font-weight: 600; }
table.facts th { width: 170px; background: none; }
td.num { text-align: right; white-space: nowrap; }
td.nowrap, td time { white-space: nowrap; }
.status { display: inline-block; padding: 0 8px; border-radius: 10px; border: 1px solid currentColor; font-size: 12px; font-weight: 600; }
.status-resolved, .status-supported, .ok { color: var(--ok); }
.status-refuted, .bad { color: var(--bad); }
.status-open, .status-inconclusive { color: var(--muted); }
nav.toc ol { columns: 2; margin: 4px 0; padding-left: 20px; }
.incident, blockquote.note { border-left: 3px solid var(--rule); margin: 8px 0; padding: 2px 14px; }
blockquote.note footer { font-size: 12px; }
.handover { border: 1px solid var(--rule); border-radius: 8px; padding: 4px 16px 12px; }
ul.checklist { list-style: none; padding-left: 4px; }
ul.checklist li { margin: 3px 0; }
.box { display: inline-block; width: 1.3em; }
.evidence { color: var(--muted); font-size: 12.5px; }
figure { margin: 16px 0 24px; }
figure svg { display: block; max-width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 6px; }
.image-alt { color: var(--muted); font-style: italic; }
table.timeline td:first-child { color: var(--muted); }
table.timeline td:nth-child(4) { width: 22%; }
table.timeline .kind { color: var(--muted); font-size: 11.5px; }
footer.chain-head { margin-top: 40px; padding-top: 12px; border-top: 2px solid var(--text); }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { font-size: 11pt; }
  main.report { max-width: none; padding: 0; }
  section.rules, section.timeline, section.graphs { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, figure, blockquote.note, ul.checklist li, .handover { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  th { background: none; }
  thead th { border-bottom: 1.5px solid var(--text); }
}
`;
