// Opening a data folder's database, apart from the rest of the backend: the browser host opens it before it
// listens (a folder that is not Peel's is refused before any address is printed) and loads the services after.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from './paths';
import { openStore, type PeelStore } from './store/store';

/**
 * The data folder's database, made with the folder when missing; a PeelError when it is not Peel's to use.
 * `startFresh` (or PEEL_START_FRESH=1) makes a new database in place of an empty, 0-byte file.
 */
export function openDataFolderStore(dataDir: string, startFresh?: boolean): PeelStore {
  mkdirSync(dataDir, { recursive: true });
  return openStore(join(dataDir, DATABASE_FILE), {
    startFresh: startFresh ?? process.env.PEEL_START_FRESH === '1',
  });
}
