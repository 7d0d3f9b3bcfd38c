// `npm run verify -- [--db FILE] [--expect-count N] [--expect-head HASH] [--replay] [--json]`: verifies a Peel
// database's audit trail (the whole hash chain, the append-only triggers, and every record shown against the events
// that recorded it) and prints the head an export would print; --replay also re-runs every recorded simulation.
// Opens the file read-only and never writes to it. Exit 0: intact; 1: tampered (the first event that does not match
// is named); 2: bad arguments or a file that cannot be opened as a Peel database.
import { join } from 'node:path';
import type { ReplayResult, VerifyResult } from '../../shared/contract/trail-entities';
import { plural } from '../../shared/domain/plural';
import { DATABASE_FILE, resolveDataDir } from '../backend/paths';
import type { ExpectedHead } from '../backend/services/trail/chain-verifier';
import { replayRuns, replayTargets } from '../backend/services/trail/replay';
import { verifyDatabase } from '../backend/services/trail/verify-audit';
import { storedSeriesHash } from '../backend/services/trail/verify-state';
import { openStore, type PeelStore } from '../backend/store/store';
import { inProcessRunner } from '../backend/workers/simulation-runner';

const USAGE =
  'usage: npm run verify -- [--db FILE] [--expect-count N] [--expect-head HASH] [--json]\n' +
  "  --db            the database to check (default: the app's, in PEEL_DATA_DIR or the Peel user-data folder)\n" +
  '  --expect-count  the number of events an export printed as its head\n' +
  '  --expect-head   the head hash (SHA-256, 64 hex digits) an export printed; finds a cut or rewritten tail\n' +
  '  --replay        also re-run every recorded simulation from its recorded parameters and seed, and check it\n' +
  '                  gives the series, analysis and verdict its events recorded';

interface Args {
  db: string;
  expected: ExpectedHead;
  json: boolean;
  replay: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Args {
  let db: string | undefined;
  const expected: ExpectedHead = {};
  let json = false;
  let replay = false;
  const value = (i: number, flag: string): string => {
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag}: expects a value`);
    return next;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--replay') replay = true;
    else if (arg === '--db') db = value(i++, arg);
    else if (arg === '--expect-count') {
      const raw = value(i++, arg);
      if (!/^\d+$/.test(raw) || Number(raw) < 1)
        throw new UsageError(`--expect-count: '${raw}' is not a positive whole number of events`);
      expected.count = Number(raw);
    } else if (arg === '--expect-head') {
      const raw = value(i++, arg).toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(raw))
        throw new UsageError(`--expect-head: '${raw}' is not a SHA-256 hash (64 hexadecimal digits)`);
      expected.hash = raw;
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new UsageError(`unknown argument '${arg}'`);
  }
  return { db: db ?? join(resolveDataDir(), DATABASE_FILE), expected, json, replay };
}

function describeTriggers(triggers: VerifyResult['triggers']): string {
  if (triggers.ok) return `all ${triggers.expected.length} append-only triggers as created`;
  const parts = [
    triggers.missing.length > 0 ? `missing: ${triggers.missing.join(', ')}` : '',
    triggers.altered.length > 0 ? `redefined: ${triggers.altered.join(', ')}` : '',
    triggers.unexpected.length > 0 ? `not created by Peel: ${triggers.unexpected.join(', ')}` : '',
  ];
  return `NOT AS CREATED (${parts.filter(Boolean).join('; ')})`;
}

function describeState(state: VerifyResult['state'], chainHolds: boolean): string {
  if (!chainHolds) return 'not checked: the chain does not hold, so it vouches for nothing';
  const skipped = state.skipped.map((s) => `\n          not checked: "${s.title}" (${s.why})`).join('');
  if (state.firstMismatch) {
    const m = state.firstMismatch;
    return `DISAGREES in "${m.investigationTitle}": ${m.message}${skipped}`;
  }
  return `every record shown agrees with the chain (${state.investigations} investigation${state.investigations === 1 ? '' : 's'}: titles, notes, hypotheses, experiments, runs with their numbers and series)${skipped}`;
}

function report(path: string, result: VerifyResult, expected: ExpectedHead): string {
  const chain = result.firstBad
    ? `BROKEN at event #${result.firstBad.seq} (${result.firstBad.problem}): ${result.firstBad.message}`
    : `intact: ${plural(result.events, 'event', { grouped: true })}, every hash recomputed and linked`;
  const against =
    expected.count !== undefined || expected.hash !== undefined
      ? `\nExpected: ${expected.count ?? '?'} events, head ${expected.hash ?? '?'}`
      : '';
  return [
    `Database: ${path}`,
    `Chain:    ${chain}`,
    `Triggers: ${describeTriggers(result.triggers)}`,
    `State:    ${describeState(result.state, result.firstBad === null)}`,
    `Head:     ${result.events} events, #${result.headSeq} ${result.headHash}${against}`,
    `Checked in ${result.wallMs.toFixed(0)} ms`,
    result.ok ? 'Result:   INTACT' : 'Result:   TAMPERED',
  ].join('\n');
}

function describeReplay(replay: ReplayResult): string {
  const unbound =
    replay.notBound.length > 0
      ? ` (${replay.notBound.length} recorded before series hashes: verdict and analysis checked only)`
      : '';
  if (replay.firstMismatch) return `NOT REPRODUCED: ${replay.firstMismatch.message}`;
  return `${replay.replayed} of ${plural(replay.total, 'run')} re-run from their recorded parameters and seeds gave what their events recorded${unbound}, in ${replay.wallMs.toFixed(0)} ms`;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`verify: ${error.message}\n${USAGE}`);
    return 2;
  }
  let store: PeelStore;
  try {
    store = openStore(args.db, { readonly: true });
  } catch (error) {
    console.error(`verify: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  try {
    const result = verifyDatabase(store, { expected: args.expected });
    let replay: ReplayResult | null = null;
    if (args.replay) {
      const targets = replayTargets(store);
      replay = await replayRuns(targets, {
        runner: inProcessRunner,
        storedSeriesHashOf: (target) => storedSeriesHash(store, target.localRunId),
        onProgress: (done, total, current) => {
          if (!args.json && process.stderr.isTTY)
            process.stderr.write(`\rreplaying ${done}/${total}: ${current}\x1b[K`);
        },
      });
      if (!args.json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    }
    const ok = result.ok && (replay === null || replay.ok);
    if (args.json) {
      console.log(
        JSON.stringify({ database: args.db, ...result, ...(replay ? { replay } : {}), ok }, null, 2),
      );
    } else {
      const text = report(args.db, result, args.expected);
      console.log(
        replay
          ? text.replace(
              /\nResult: .*$/,
              `\nReplay:   ${describeReplay(replay)}\n${ok ? 'Result:   INTACT' : 'Result:   TAMPERED'}`,
            )
          : text,
      );
    }
    return ok ? 0 : 1;
  } finally {
    store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`verify: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
  },
);
