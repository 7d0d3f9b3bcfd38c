// The browser the page benchmarks drive: Debian's Chromium (PEEL_CHROMIUM elsewhere), headless, started the same
// way for every bench so their figures compare.
import { chromium } from '@playwright/test';

export const CHROMIUM = process.env.PEEL_CHROMIUM ?? '/usr/bin/chromium';

export function launchBenchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
