// Tracing series to pixels: moved to shared/report/chart/pixel-path.ts, pure, so the exports draw their graphs with the
// same code as the screen. Re-exported here so the renderer's imports stay as they were.
export * from '../../../shared/report/chart/pixel-path';
