// Reads what a `/metrics` endpoint serves, once or several times in a row: the Prometheus text format 0.0.4
// (timestamps, when written, in milliseconds) and OpenMetrics (timestamps in seconds, `# EOF` ends a scrape).
// One scrape is one instant, so several make a series. A scrape without timestamps needs its time from the
// caller (the scrape times, or a start and an interval); nothing is guessed.
import { ImportError } from './import-error';
import { type ImportedMetrics, SeriesCollector } from './imported-series';
import { readLabelSet } from './series-name';
import { parseFloatText } from './value-text';

/** When the samples carry no timestamps: the time of scrape k (0-based). */
export type ScrapeClock = { timesSec: readonly number[] } | { startSec: number; intervalSec: number };

export interface ExpositionOptions {
  source: string;
  clock?: ScrapeClock;
}

const METRIC_NAME = /^[A-Za-z_:][A-Za-z0-9_:]*/;

/** Whether the text is OpenMetrics rather than the 0.0.4 text format (its `# EOF` line). */
export function isOpenMetrics(text: string): boolean {
  return /(^|\n)# EOF\s*$/.test(text.trimEnd()) || /(^|\n)# EOF\r?\n/.test(text);
}

export function parseExposition(text: string, options: ExpositionOptions): ImportedMetrics {
  const source = options.source;
  const openMetrics = isOpenMetrics(text);
  const collector = new SeriesCollector();
  const lines = text.split(/\r?\n/);
  let scrape = 0;
  let inScrape = new Set<string>();
  let samples = 0;
  let timestamps = 0;
  let ended = false;
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      if (/^#\s*EOF\b/.test(line)) {
        ended = true;
        return;
      }
      return;
    }
    // A sample after `# EOF` (OpenMetrics) or one already seen in this scrape starts the next scrape.
    const where = { source, line: lineNo };
    const nameMatch = METRIC_NAME.exec(line);
    if (!nameMatch) {
      throw new ImportError(
        'malformed',
        `expected a metric name at the start of the line, found "${line.slice(0, 40)}"`,
        where,
      );
    }
    const metric = nameMatch[0];
    let at = metric.length;
    let labels: Record<string, string> = {};
    if (line[at] === '{') {
      const read = readLabelSet(line, at);
      if (!read.ok)
        throw new ImportError('malformed', read.reason, { ...where, column: read.at + 1, field: metric });
      labels = read.labels;
      at = read.end;
    }
    // OpenMetrics exemplars follow " # ".
    const rest = line.slice(at).split(' # ')[0]?.trim() ?? '';
    const parts = rest.split(/\s+/);
    if (rest === '' || parts.length > 2) {
      throw new ImportError('malformed', `expected "value [timestamp]" after the series, found "${rest}"`, {
        ...where,
        field: metric,
      });
    }
    const value = parseFloatText(parts[0] ?? '');
    if (value === undefined) {
      throw new ImportError('bad-value', `"${parts[0]}" is not a number`, { ...where, field: metric });
    }
    const key = `${metric}${JSON.stringify(labels)}`;
    if (ended || inScrape.has(key)) {
      scrape++;
      inScrape = new Set();
      ended = false;
    }
    inScrape.add(key);
    let timeSec: number;
    if (parts[1] !== undefined) {
      const stamp = parseFloatText(parts[1]);
      if (stamp === undefined || !Number.isFinite(stamp)) {
        throw new ImportError('bad-time', `timestamp "${parts[1]}" is not a number`, {
          ...where,
          field: metric,
        });
      }
      timeSec = openMetrics ? stamp : stamp / 1000;
      timestamps++;
    } else {
      const clockTime = scrapeTime(options.clock, scrape);
      if (clockTime === undefined) {
        throw new ImportError(
          'bad-time',
          options.clock
            ? `no time for scrape ${scrape + 1}: only ${scrapeCount(options.clock)} scrape times were given`
            : 'the sample has no timestamp: give the scrape times (or a start and an interval) to import scrapes without timestamps',
          { ...where, field: metric },
        );
      }
      timeSec = clockTime;
    }
    samples++;
    collector.add(metric, labels, timeSec, value, { ...where, field: metric }, undefined, key);
  });
  if (samples === 0)
    throw new ImportError('empty', 'no samples: the scrape holds only comments or nothing', { source });
  return {
    format: openMetrics ? 'openmetrics' : 'prometheus-text',
    source,
    series: collector.finish(),
    timeFormat: timestamps > 0 && !openMetrics ? 'epoch-ms' : 'epoch-s',
    warnings:
      scrape > 0 || timestamps > 0 ? [] : ['one scrape is one instant: every series has a single point'],
  };
}

function scrapeCount(clock: ScrapeClock): number {
  return 'timesSec' in clock ? clock.timesSec.length : Number.POSITIVE_INFINITY;
}

function scrapeTime(clock: ScrapeClock | undefined, scrape: number): number | undefined {
  if (clock === undefined) return undefined;
  if ('timesSec' in clock) return clock.timesSec[scrape];
  return clock.startSec + scrape * clock.intervalSec;
}
