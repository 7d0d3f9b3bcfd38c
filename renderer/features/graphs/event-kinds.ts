// How each kind of run event looks: moved to shared/report/chart/event-kinds.ts, pure, so the exports draw their graphs with the
// same code as the screen. Re-exported here so the renderer's imports stay as they were.
export * from '../../../shared/report/chart/event-kinds';
