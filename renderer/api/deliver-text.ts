// Delivering a text file in a browser (a drill file, the cohort's CSV, a trainee's report): a download through a
// temporary blob: URL, revoked on a later task once the download has taken its own reference.
export function deliverText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
