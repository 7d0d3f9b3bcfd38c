// The real desktop app through Playwright's _electron, where an Electron binary exists. Here (no binary can be
// downloaded) the test is skipped with the reason printed; on a developer machine it drives the real window.
import { type ElectronApplication, _electron as electron, test } from '@playwright/test';
import { findElectronBinary } from '../electron/cli/electron-binary';
import { expectStoryPersisted, runNotebookStory } from './fixtures/notebook-story';
import { makeDataDir, projectRoot, removeDataDir } from './fixtures/peel-host';

const binary = findElectronBinary();
if (!binary.found) console.log(`[electron e2e] skipped: no Electron binary (${binary.reason}).`);

async function launch(dataDir: string): Promise<ElectronApplication> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  delete env.ELECTRON_RUN_AS_NODE;
  env.PEEL_DATA_DIR = dataDir;
  return electron.launch({
    executablePath: binary.found ? binary.path : undefined,
    args: [projectRoot],
    env,
  });
}

test('the desktop app keeps a notebook that survives a restart', async () => {
  test.skip(!binary.found, `no Electron binary: ${binary.found ? '' : binary.reason}`);
  const dataDir = makeDataDir();
  let app = await launch(dataDir);
  try {
    await runNotebookStory(await app.firstWindow(), 'electron');
    await app.close();
    app = await launch(dataDir);
    await expectStoryPersisted(await app.firstWindow(), 'electron');
  } finally {
    await app.close();
    removeDataDir(dataDir);
  }
});
