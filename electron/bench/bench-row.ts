// The shape every benchmark of the project reports. `npm run bench -- --json` prints one array of these rows.
export interface BenchRow {
  /** Which benchmark produced the row, e.g. "sim", "write-rate", "chart". */
  bench: string;
  /** Free-form figures; numbers are printed as they are, so name them with their unit (wallMs, perSecond). */
  [figure: string]: string | number | boolean | null;
}

export interface Benchmark {
  /** Short name shown in the human-readable output. */
  name: string;
  /** One line saying what is measured and the goal from the issue, if any. */
  description: string;
  run(log: (line: string) => void): Promise<BenchRow[]>;
}
