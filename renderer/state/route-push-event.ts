// Where each event the backend pushes lands in the store: the one wiring renderer/start-app.tsx installs, and the tests
// of the slices install too, so they see events exactly as the app does.
import type { PushEvent } from '../../shared/contract/events';
import type { PeelState } from './peel-state';

export function routePushEvent(state: PeelState, event: PushEvent): void {
  switch (event.name) {
    case 'audit.appended':
      state.receiveTrailEvent(event.payload);
      state.receiveAuditEvent(event.payload);
      break;
    case 'run.progress':
      state.receiveRunProgress(event.payload.runId, event.payload.investigationId, event.payload.fraction);
      break;
    case 'run.finished':
      // When the news reached the page, for the Performance panel and the run-to-result bench.
      performance.mark('push:run.finished', { detail: { runId: event.payload.run.id } });
      state.receiveRunResult(event.payload);
      state.receiveRunFinished(event.payload.investigationId, event.payload.run);
      break;
    case 'run.queue':
      state.receiveRunQueue(event.payload);
      break;
    case 'bundle.progress':
      state.receiveBundleProgress(event.payload);
      break;
    case 'bundle.finished':
      state.receiveBundleFinished(event.payload);
      break;
    case 'sweep.progress':
      state.receiveSweepProgress(event.payload);
      break;
    case 'sweep.finished':
      state.receiveSweepFinished(event.payload);
      break;
    case 'replay.progress':
      state.receiveReplayProgress(event.payload);
      break;
    case 'replay.finished':
      state.receiveReplayFinished(event.payload);
      break;
    case 'lab.changed':
      state.receiveLabChanged(event.payload.investigationId);
      break;
    case 'import.progress':
      state.receiveImportProgress(event.payload);
      break;
    case 'import.finished':
      state.receiveImportFinished(event.payload);
      break;
  }
}
