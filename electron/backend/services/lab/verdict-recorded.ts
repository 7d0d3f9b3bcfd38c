// The event a stored run's verdict is recorded by, the same for a simulated run (runs.ts) and a real one logged
// from imports (imports/real-experiments.ts).
import type { AuditRecord } from '../commit';
import type { RecordedAnalysis } from './run-records';

/** The `verdict.recorded` event of a stored run, simulated or real: what the analysis read, per TaskManager too. */
export function verdictRecorded(
  investigationId: string,
  run: { runId: string; seq: number; experimentSeq: number },
  a: RecordedAnalysis,
): AuditRecord {
  return {
    investigationId,
    kind: 'verdict.recorded',
    ruleId: 'quit-thinking-and-look',
    payload: {
      ...run,
      verdict: a.verdict,
      retainedBytesPerRestart: a.retainedBytesPerRestart,
      confidence: a.confidence,
      residentVerdict: a.residentVerdict,
      summary: a.summary,
      perTaskManager: a.perTaskManager.map((tm) => ({
        taskManager: tm.taskManager,
        verdict: tm.verdict,
        retainedBytesPerRestart: tm.retainedBytesPerRestart,
      })),
    },
  };
}
