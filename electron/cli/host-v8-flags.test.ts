import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HOST_V8_FLAGS } from './host-v8-flags';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe("the host's V8 flags", () => {
  it('are on the command line of `npm start` and `npm run dev`, before the host script', () => {
    const scripts = (
      JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    for (const name of ['start', 'dev']) {
      const script = scripts[name] ?? '';
      expect(script, `npm run ${name}`).toContain(`node ${HOST_V8_FLAGS.join(' ')} dist/electron/start.js`);
    }
  });

  it('are flags this Node accepts', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, [...HOST_V8_FLAGS, '-e', 'process.exit(0)'], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
