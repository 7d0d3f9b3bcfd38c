// Renderer entry: pick the transport once, wire pushed events and menu commands into the store, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClient } from './api/client';
import { runCommand } from './features/palette/commands';
import { installClient } from './state/client-ref';
import { routePushEvent } from './state/route-push-event';
import { usePeel } from './state/store';
import './styles/app.css';

const root = createRoot(document.getElementById('root')!);

try {
  const client = createClient();
  installClient(client);
  client.onEvent((event) => routePushEvent(usePeel.getState(), event));
  client.onMenuCommand((command) => runCommand(usePeel.getState(), command));
  void usePeel.getState().loadInfo();
  void usePeel.getState().loadInvestigations();
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
