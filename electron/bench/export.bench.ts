// Export speed and memory on a long investigation: 100,000 and 200,000 audit events (written through the store in
// batched transactions, with payloads like the real ones), each format written to a file as the app saves it, in
// a fresh process per format and size (export-child.ts). Goal: under 2 s each at 100,000, streamed so memory stays
// flat: the peak over the export's start does not grow with the number of events.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextExportFormat } from '../../shared/contract/exchange-entities';
import type { AuditKind } from '../../shared/domain/audit-kinds';
import type { RuleId } from '../../shared/domain/rules';
import { openBackend } from '../backend/backend';
import { inProcessRunner } from '../backend/workers/simulation-runner';
import type { Benchmark, BenchRow } from './bench-row';

/** Event counts: the goal's, and twice it to see whether memory grows with it. */
const SIZES = (process.env.PEEL_BENCH_EXPORT_EVENTS ?? '100000,200000').split(',').map(Number);
const BATCH = 5_000;
const FORMATS: TextExportFormat[] = ['md', 'html', 'csv', 'json'];
const ROUNDS = 3;
/** The mix of a long investigation: mostly notes, ticks, runs and verdicts, with payloads of realistic size. */
export function eventAt(i: number): { kind: AuditKind; ruleId: RuleId; payload: Record<string, unknown> } {
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

interface Round {
  wallMs: number;
  bytes: number;
  peakRssDeltaMb: number;
  peakHeapDeltaMb: number;
  longestStallMs: number;
}

function exportInChild(
  dataDir: string,
  investigationId: string,
  format: string,
  outDir: string,
): Promise<{ rounds: Round[]; liveHeapMb: number }> {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      '--expose-gc',
      fileURLToPath(new URL('./export-child.ts', import.meta.url)),
      dataDir,
      investigationId,
      format,
      outDir,
      String(ROUNDS),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const lines = out
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Round & { liveHeapMb?: number });
      const rounds = lines.filter((l) => l.liveHeapMb === undefined);
      const live = lines.find((l) => l.liveHeapMb !== undefined)?.liveHeapMb;
      if (code !== 0 || rounds.length !== ROUNDS || live === undefined)
        reject(new Error(`export-child ${format} failed (exit code ${code})`));
      else resolve({ rounds, liveHeapMb: live });
    });
  });
}

export async function fill(dataDir: string, events: number): Promise<string> {
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
    const start = Date.UTC(2026, 0, 1);
    for (let from = 1; from < events; from += BATCH) {
      backend.store.transaction(() => {
        for (let i = from; i < Math.min(events, from + BATCH); i++) {
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
    return investigationId;
  } finally {
    backend.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const benchmark: Benchmark = {
  name: 'export',
  description: `exports of an investigation with ${SIZES.map((n) => n.toLocaleString('en-US')).join(' and ')} audit events (md, html, csv, json) written to a file; goal < 2 s per format at 100,000, memory flat`,
  async run(log) {
    const rows: BenchRow[] = [];
    const peaks = new Map<string, number>();
    for (const events of SIZES) {
      const dataDir = mkdtempSync(join(tmpdir(), 'peel-bench-export-'));
      const outDir = mkdtempSync(join(tmpdir(), 'peel-bench-export-out-'));
      try {
        const filled = performance.now();
        const investigationId = await fill(dataDir, events);
        log(`${events} events written in ${Math.round(performance.now() - filled)} ms`);
        for (const format of FORMATS) {
          const { rounds, liveHeapMb } = await exportInChild(dataDir, investigationId, format, outDir);
          const wallMs = median(rounds.map((r) => r.wallMs));
          const peakRssDeltaMb = Math.max(...rounds.map((r) => r.peakRssDeltaMb));
          const peakHeapDeltaMb = Math.max(...rounds.map((r) => r.peakHeapDeltaMb));
          const longestStallMs = Math.max(...rounds.map((r) => r.longestStallMs));
          const smaller = peaks.get(format);
          peaks.set(format, liveHeapMb);
          log(
            `${format} @ ${events}: ${rounds.map((r) => Math.round(r.wallMs)).join(' / ')} ms, ` +
              `${(rounds[0]!.bytes / 1e6).toFixed(1)} MB, peak RSS +${peakRssDeltaMb.toFixed(1)} MB, ` +
              `heap +${peakHeapDeltaMb.toFixed(1)} MB (live +${liveHeapMb.toFixed(1)} MB), longest stall ${longestStallMs.toFixed(0)} ms`,
          );
          rows.push({
            bench: 'export',
            format,
            events,
            wallMs,
            bytes: rounds[0]!.bytes,
            peakRssDeltaMb: Number(peakRssDeltaMb.toFixed(1)),
            peakHeapDeltaMb: Number(peakHeapDeltaMb.toFixed(1)),
            liveHeapMb: Number(liveHeapMb.toFixed(1)),
            longestStallMs: Number(longestStallMs.toFixed(1)),
            ...(smaller === undefined
              ? {}
              : { liveHeapVsSmaller: Number((liveHeapMb / smaller).toFixed(2)) }),
            goalMs: 2000,
            goalMemory: 'flat: the live heap does not grow with events',
            statistic: `median of ${ROUNDS} (time), max of ${ROUNDS} (peaks, stall), live: one round with a full GC every 20 ms`,
          });
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(outDir, { recursive: true, force: true });
      }
    }
    return rows;
  },
};
