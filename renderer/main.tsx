// Renderer entry, kept small on purpose: it picks the transport, sends the home screen's first calls, and only then
// loads the app (React, the store, the screens). The browser fetches this file before anything else, so the
// answers travel while the app's code is fetched and evaluated instead of after it (see api/first-calls.ts).
import { createClient } from './api/client';
import { type FirstCallsClient, HOME_FIRST_CALLS, withFirstCalls } from './api/first-calls';
import './styles/app.css';
import { holdEarlyKeys } from './ui/early-keys';

// Shortcuts pressed while the app loads are replayed once it listens (ui/early-keys.ts).
holdEarlyKeys();

let client: FirstCallsClient | Error;
try {
  client = withFirstCalls(createClient(), HOME_FIRST_CALLS);
} catch (error) {
  client = error instanceof Error ? error : new Error(String(error));
}
void import('./start-app').then(({ startApp }) => startApp(client));
