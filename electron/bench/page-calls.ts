// Waiting in a Chromium bench for the page's API calls to be over, so one measurement does not overlap the last.
// The event stream stays open, so Playwright's 'networkidle' never comes; calls are tracked from when this starts.
import type { Page, Request } from '@playwright/test';

export interface CallTracker {
  /** Resolves once no API call has been in flight for `quietMs`. */
  settled(quietMs?: number): Promise<void>;
  dispose(): void;
}

export function trackCalls(page: Page): CallTracker {
  let quietSince = performance.now();
  const inFlight = new Set<Request>();
  const started = (request: Request) => {
    if (request.url().includes('/api/call/')) inFlight.add(request);
  };
  const ended = (request: Request) => {
    if (inFlight.delete(request) && inFlight.size === 0) quietSince = performance.now();
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  return {
    async settled(quietMs = 300) {
      while (inFlight.size > 0 || performance.now() - quietSince < quietMs) await page.waitForTimeout(50);
    },
    dispose() {
      page.off('request', started);
      page.off('requestfinished', ended);
      page.off('requestfailed', ended);
    },
  };
}
