// The app's start, once main.tsx has chosen the transport: wire pushed events and menu commands into the store,
// load what the home screen shows, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { FirstCallsClient } from './api/first-calls';
import { runCommand } from './features/palette/commands';
import { installClient } from './state/client-ref';
import { routePushEvent } from './state/route-push-event';
import { usePeel } from './state/store';

export function startApp(client: FirstCallsClient | Error): void {
  const root = createRoot(document.getElementById('root')!);
  try {
    if (client instanceof Error) throw client;
    installClient(client);
    client.onEvent((event) => routePushEvent(usePeel.getState(), event));
    client.onMenuCommand((command) => runCommand(usePeel.getState(), command));
    // These take the answers main.tsx's first calls already asked for; nothing later may.
    void usePeel.getState().loadInfo();
    void usePeel.getState().loadInvestigations();
    client.closeFirstCalls();
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <main className="fatal">
        <h1>Peel cannot reach its backend</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </main>,
    );
  }
}
