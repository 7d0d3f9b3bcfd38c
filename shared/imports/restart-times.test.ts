import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMetricsText } from './import-metrics';
import { restartsFromImports } from './restart-times';

/** A fixture beside the tests, written from the format's documentation. */
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('restartsFromImports', () => {
  it('reads restarts from numRestarts growing, uptime dropping and saved job answers, merged', () => {
    const scrape = [
      'flink_jobmanager_job_numRestarts{job_name="seed",} 0.0 1000000',
      'flink_jobmanager_job_uptime{job_name="seed",} 50000.0 1000000',
      'flink_jobmanager_job_numRestarts{job_name="seed",} 1.0 1060000',
      'flink_jobmanager_job_uptime{job_name="seed",} 20000.0 1060000',
      'flink_jobmanager_job_numRestarts{job_name="seed",} 1.0 1120000',
      'flink_jobmanager_job_uptime{job_name="seed",} 80000.0 1120000',
    ].join('\n');
    const metrics = importMetricsText(scrape, { source: 's' });
    // numRestarts says "by 1060 s", uptime says "at 1040 s": both kept, 20 s apart.
    expect(restartsFromImports([metrics])).toEqual([1040, 1060]);
    const job = importMetricsText(fixture('flink-job.json'), { source: 'job.json' });
    expect(restartsFromImports([metrics, job])).toEqual([1040, 1060, 1732436100]);
    expect(restartsFromImports([importMetricsText(fixture('grafana-joined.csv'), { source: 'j' })])).toEqual(
      [],
    );
  });

  it('finds a restart an uptime gauge shows without falling: scraped too sparsely to see the drop', () => {
    // Scrapes a minute apart: the job restarted 50 s before the third scrape, its uptime (50 s) still above the
    // 30 s before. Less than the 90 s it would have grown to: a restart, at 1070 s.
    const scrape = [
      'flink_jobmanager_job_uptime{job_name="seed",} 10000.0 1000000',
      'flink_jobmanager_job_uptime{job_name="seed",} 30000.0 1020000',
      'flink_jobmanager_job_uptime{job_name="seed",} 50000.0 1120000',
      'flink_jobmanager_job_uptime{job_name="seed",} 110000.0 1180000',
    ].join('\n');
    expect(restartsFromImports([importMetricsText(scrape, { source: 's' })])).toEqual([1070]);
  });
});
