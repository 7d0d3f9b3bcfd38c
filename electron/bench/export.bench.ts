// Export speed on a long investigation: 100,000 audit events (written through the store in batched transactions,
// with payloads like the real ones), exported as Markdown, HTML, CSV and the JSON bundle. Goal: under 2 s each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextExportFormat } from '../../shared/contract/exchange-entities';
import type { AuditKind } from '../../shared/domain/audit-kinds';
import type { RuleId } from '../../shared/domain/rules';
import { openBackend } from '../backend/backend';
import { renderExport } from '../backend/services/exchange/render-export';
import { exportMeta } from '../backend/services/exchange/report-data';
import { inProcessRunner } from '../backend/workers/simulation-runner';
import type { Benchmark, BenchRow } from './bench-row';

const EVENTS = 100_000;
const BATCH = 5_000;
const FORMATS: TextExportFormat[] = ['md', 'html', 'csv', 'json'];
const ROUNDS = 3;

/** The mix of a long investigation: mostly notes, ticks, runs and verdicts, with payloads of realistic size. */
function eventAt(i: number): { kind: AuditKind; ruleId: RuleId; payload: Record<string, unknown> } {
  switch (i % 6) {
    case 0:
      return {
        kind: 'note.added',
        ruleId: 'quit-thinking-and-look',
        payload: {
          noteId: `note-${i}`,
          revisionId: `rev-${i}`,
          body: `Run #${i}: direct memory on tm-${i % 8} stepped up by 128 MiB after the restart at ${i % 3600} s; | the sink was paused, "as planned".`,
        },
      };
    case 1:
      return {
        kind: 'checklist.ticked',
        ruleId: 'make-it-fail',
        payload: {
          itemId: 'fail.restarts',
          text: 'Simulated task failures by shutting containers down on a schedule',
        },
      };
    case 2:
      return {
        kind: 'run.completed',
        ruleId: 'make-it-fail',
        payload: {
          runId: `run-${i}`,
          seq: i,
          experimentSeq: 1,
          seed: 1,
          restarts: 11,
          ooms: 2,
          fullGcs: 0,
          summary: 'leak',
        },
      };
    case 3:
      return {
        kind: 'verdict.recorded',
        ruleId: 'quit-thinking-and-look',
        payload: {
          runId: `run-${i}`,
          seq: i,
          verdict: 'leak',
          retainedBytesPerRestart: 134217728,
          summary: 'Direct memory: staircase, 128 MiB per restart (8 of 8 TaskManagers).',
          perTaskManager: Array.from({ length: 8 }, (_, k) => ({
            taskManager: `tm-${k + 1}`,
            verdict: 'leak',
          })),
        },
      };
    case 4:
      return {
        kind: 'hypothesis.added',
        ruleId: 'divide-and-conquer',
        payload: {
          hypothesisId: `h-${i}`,
          statement: "Layer 3's off-heap map leaks on every restart",
          predicts: 'leak',
        },
      };
    default:
      return {
        kind: 'comparison.opened',
        ruleId: 'quit-thinking-and-look',
        payload: {
          runIds: ['a', 'b'],
          runSeqs: [1, 2],
          mode: 'overlay',
          metric: 'direct',
          statements: ['run #1 → #2'],
        },
      };
  }
}

export const benchmark: Benchmark = {
  name: 'export',
  description:
    'exports of an investigation with 100,000 audit events (md, html, csv, json); goal < 2 s per format',
  async run(log) {
    const dataDir = mkdtempSync(join(tmpdir(), 'peel-bench-export-'));
    const backend = openBackend({
      dataDir,
      host: 'browser',
      version: 'bench',
      user: 'bench',
      runner: inProcessRunner,
    });
    try {
      const created = await backend.dispatch('investigations.create', {
        title: 'A long investigation',
        summary: '',
        startedAt: 0,
      });
      if (!created.ok) throw new Error(created.error.message);
      const investigationId = (created.value as { id: string }).id;
      const filled = performance.now();
      const start = Date.UTC(2026, 0, 1);
      for (let from = 1; from < EVENTS; from += BATCH) {
        backend.store.transaction(() => {
          for (let i = from; i < Math.min(EVENTS, from + BATCH); i++) {
            backend.store.audit.append({
              id: `ev-${i}`,
              investigationId,
              at: start + i * 1000,
              actor: 'bench',
              ...eventAt(i),
            });
          }
        });
      }
      const events = backend.store.audit.countForInvestigation(investigationId);
      log(`${events} events written in ${Math.round(performance.now() - filled)} ms`);
      const ctx = backend.context;
      const meta = exportMeta(ctx, 'bench', 'cli');
      const rows: BenchRow[] = [];
      for (const format of FORMATS) {
        const times: number[] = [];
        let bytes = 0;
        for (let round = 0; round < ROUNDS; round++) {
          const began = performance.now();
          bytes = renderExport(ctx, investigationId, format, meta).bytes;
          times.push(performance.now() - began);
        }
        times.sort((a, b) => a - b);
        log(`${format}: ${times.map((t) => Math.round(t)).join(' / ')} ms, ${(bytes / 1e6).toFixed(1)} MB`);
        rows.push({
          bench: 'export',
          format,
          events,
          wallMs: times[1]!,
          bytes,
          goalMs: 2000,
          statistic: 'median of 3',
        });
      }
      return rows;
    } finally {
      backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
