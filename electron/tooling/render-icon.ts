// `npm run icon`: renders Peel's icon and DMG background from their SVG sources in build/ to the PNGs electron-builder
// packs (icon.png 1024×1024, background.png 540×380), using Chromium through Playwright so the result matches what
// a browser draws. `npm run icon -- --preview DIR` also writes small sizes to check the icon still reads at 16–64 px.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from '@playwright/test';

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build');
const executablePath = process.env.PEEL_CHROMIUM ?? '/usr/bin/chromium';

interface Render {
  source: string;
  out: string;
  width: number;
  height: number;
  /** Pixel density: 2 writes the @2x file macOS uses on Retina screens (electron-builder merges the pair). */
  scale?: number;
}

const RENDERS: readonly Render[] = [
  { source: 'icon.svg', out: join(buildDir, 'icon.png'), width: 1024, height: 1024 },
  { source: 'background.svg', out: join(buildDir, 'background.png'), width: 540, height: 380 },
  { source: 'background.svg', out: join(buildDir, 'background@2x.png'), width: 540, height: 380, scale: 2 },
];

async function render(browser: Browser, { source, out, width, height, scale = 1 }: Render): Promise<void> {
  const svg = readFileSync(join(buildDir, source), 'utf8');
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: scale });
  try {
    // The SVG is drawn at exactly the target size; omitBackground keeps the corners around the icon transparent.
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">` +
        `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${width}" height="${height}" style="display:block"></body></html>`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width, height } });
    console.log(`render-icon: ${source} -> ${out} (${width * scale}×${height * scale})`);
  } finally {
    await page.close();
  }
}

function previewRenders(dir: string): Render[] {
  return [16, 32, 64, 128].map((size) => ({
    source: 'icon.svg',
    out: join(dir, `peel-icon-${size}.png`),
    width: size,
    height: size,
  }));
}

const previewFlag = process.argv.indexOf('--preview');
const previewDir = previewFlag >= 0 ? process.argv[previewFlag + 1] : undefined;
if (previewFlag >= 0 && !previewDir) {
  console.error('usage: npm run icon [-- --preview DIR]');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const job of [...RENDERS, ...(previewDir ? previewRenders(previewDir) : [])])
    await render(browser, job);
} finally {
  await browser.close();
}
