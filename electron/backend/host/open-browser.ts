// Opens a URL in the user's browser, best effort: if no opener exists, the printed address is enough.
import { spawn } from 'node:child_process';

export function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => console.log('Peel: could not open a browser; open the address above yourself.'));
    child.unref();
  } catch {
    console.log('Peel: could not open a browser; open the address above yourself.');
  }
}
