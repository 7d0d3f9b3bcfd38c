// Names of a run's stored series: one per TaskManager metric and one per operator metric.
export const taskManagerSeriesKey = (taskManager: string, metric: string): string =>
  `tm/${taskManager}/${metric}`;
export const operatorSeriesKey = (operator: string, metric: string): string => `op/${operator}/${metric}`;

export const OPERATOR_METRICS = [
  'backPressuredTimeMsPerSecond',
  'busyTimeMsPerSecond',
  'idleTimeMsPerSecond',
] as const;

export function parseSeriesKey(key: string): { scope: 'tm' | 'op'; owner: string; metric: string } | null {
  const match = /^(tm|op)\/([^/]+)\/(.+)$/.exec(key);
  if (!match) return null;
  return { scope: match[1] as 'tm' | 'op', owner: match[2]!, metric: match[3]! };
}
