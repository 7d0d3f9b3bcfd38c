// The browser host's per-start token arrives in the URL fragment (#token=...), which browsers never send to servers.
// It is kept for this tab's session and removed from the visible address.
const STORAGE_KEY = 'peel.token';

export function readToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(STORAGE_KEY, token);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return sessionStorage.getItem(STORAGE_KEY);
}
