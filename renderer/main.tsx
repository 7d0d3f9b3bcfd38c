// Renderer entry: pick the transport once, wire pushed events and menu commands into the store, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClient } from './api/client';
import { runCommand } from './features/palette/commands';
import { installClient } from './state/client-ref';
import { usePeel } from './state/store';
import './styles/app.css';

const root = createRoot(document.getElementById('root')!);

try {
  const client = createClient();
  installClient(client);
  client.onEvent((event) => {
    const state = usePeel.getState();
    switch (event.name) {
      case 'audit.appended':
        state.receiveTrailEvent(event.payload);
        return state.receiveAuditEvent(event.payload);
      case 'run.progress':
        return state.receiveRunProgress(
          event.payload.runId,
          event.payload.investigationId,
          event.payload.fraction,
        );
      case 'run.finished':
        return state.receiveRunFinished(event.payload.investigationId, event.payload.run);
      case 'sweep.progress':
        return state.receiveSweepProgress(event.payload);
      case 'sweep.finished':
        return state.receiveSweepFinished(event.payload);
      case 'lab.changed':
        return state.receiveLabChanged(event.payload.investigationId);
    }
  });
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
