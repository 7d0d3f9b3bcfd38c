// Times a live query of 16 series x 24 h at a 15 s step (5,760 points each) from a real Prometheus on loopback,
// seeded with a day of samples through promtool, through the client the app and `npm run analyze` use.
import { queryRange } from '../backend/services/imports/prometheus-client';
import { startPrometheus } from '../backend/services/imports/test-prometheus';
import type { Benchmark, BenchRow } from './bench-row';

const SERIES = 16;
const STEP = 15;
const HOURS = 24;
const MiB = 2 ** 20;

function seed(t0: number, points: number): string {
  const name = 'flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed';
  const lines = [`# TYPE ${name} gauge`];
  // promtool wants each series' samples together and in time order.
  for (let tm = 1; tm <= SERIES; tm++) {
    for (let i = 0; i < points; i++) {
      const value = 128 * MiB + Math.floor(i / 720) * tm * MiB + ((i * 7919 + tm) % 97) * 4096;
      lines.push(`${name}{host="vm",tm_id="tm_${tm}"} ${value} ${t0 + i * STEP}`);
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

export const benchmark: Benchmark = {
  name: 'prometheus-query',
  description: `a live query_range of ${SERIES} series x ${HOURS} h at a ${STEP} s step from a real Prometheus on loopback (seeded with promtool)`,
  async run(log) {
    const points = (HOURS * 3600) / STEP;
    // Whole hours, ending two hours ago: old enough for promtool's blocks, young enough for retention.
    const end = Math.floor(Date.now() / 1000 / 3600) * 3600 - 2 * 3600;
    const t0 = end - (points - 1) * STEP;
    log('writing blocks with promtool and starting prometheus...');
    const prometheus = await startPrometheus({ openMetrics: seed(t0, points) });
    try {
      const rows: BenchRow[] = [];
      for (let round = 0; round < 3; round++) {
        const start = performance.now();
        let bytes = 0;
        const result = await queryRange({
          url: prometheus.url,
          query: 'flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed',
          startSec: t0,
          endSec: end,
          stepSec: STEP,
          onProgress: (p) => {
            bytes = p.bytesReceived;
          },
        });
        const wallMs = performance.now() - start;
        const received = result.metrics.series.reduce((n, s) => n + s.timesSec.length, 0);
        log(
          `round ${round + 1}: ${result.metrics.series.length} series, ${received} points in ${wallMs.toFixed(0)} ms`,
        );
        rows.push({
          bench: 'prometheus-query',
          round: round + 1,
          series: result.metrics.series.length,
          pointsPerSeries: points,
          points: received,
          answerKiB: Number((bytes / 1024).toFixed(0)),
          wallMs,
        });
      }
      return rows;
    } finally {
      await prometheus.stop();
    }
  },
};
