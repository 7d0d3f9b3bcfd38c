// Where each event the backend pushes lands in the store: the one wiring renderer/main.tsx installs, and the tests
// of the slices install too, so they see events exactly as the app does.
import type { PushEvent } from '../../shared/contract/events';
import type { PeelState } from './store';

export function routePushEvent(state: PeelState, event: PushEvent): void {
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
}
