// What the checklist evidence reads of an investigation's runs, kept as a fold that takes one run in or out at a
// time: the first completed run passing each test, the peeled runs, how many leaking and clean runs had each
// operator, and each setup's completed runs with the fix proof's progress on them. Rebuilt from every run, it is the
// full derivation; kept up to date per stored run, it makes that run's reasoning cost the same at 1,000 runs as at
// 10 (a run taken out, or one coming in before the newest of its setup, makes the affected part be read again).
import type { FixProof, OperatorCoverage } from '../../contract/lab-entities';
import type { ScenarioOperator } from './coverage';
import { FIRST_TEST_NAMES, FIRST_TESTS, type FirstTest, isPeeled, type RunQuery } from './evidence-runs';
import { fixSetKey, type ProofCandidate, proofOfCandidates, proofStepTests, setupKey } from './fix-proof';
import { isUnchangedCode, leakOutcome, type RunFacts } from './run-facts';

/** Runs in seq order (seq is unique within an investigation), with insertion and removal by binary search. */
class RunsBySeq {
  readonly runs: RunFacts[] = [];
  private at(seq: number): number {
    let low = 0;
    let high = this.runs.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.runs[middle]!.seq < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }
  /** Inserts the run; true when it went after every run already held. */
  add(run: RunFacts): boolean {
    const at = this.at(run.seq);
    this.runs.splice(at, 0, run);
    return at === this.runs.length - 1;
  }
  remove(run: RunFacts): void {
    const at = this.at(run.seq);
    if (this.runs[at] === run) this.runs.splice(at, 1);
  }
}

/** A setup's candidate proof for one set of fixes, with how far its step search has come. */
interface Candidate extends ProofCandidate {
  /** The fix set's key (fixSetKey). */
  key: string;
  tests: ((run: RunFacts) => boolean)[];
  next: number;
}

interface Setup {
  /** Completed runs of the setup, in run order. */
  completed: RunsBySeq;
  /** Runs of the setup (any status) that applied fixes: only such setups are searched for a proof. */
  withFixes: number;
  /** One candidate per fix set, in the order of the fix set's first run; null: to be searched again. */
  candidates: readonly Candidate[] | null;
}

/** A new setup's candidates: none yet (one list for every setup: an investigation may have a setup per run). */
const NO_CANDIDATES: readonly Candidate[] = Object.freeze([]);

/** Whether memory leaked in each completed run of the code as written (the control job aside). */
const evidenceOutcome = (run: RunFacts) =>
  run.status === 'completed' && !run.params.control && isUnchangedCode(run) ? leakOutcome(run) : null;

export class EvidenceFold implements RunQuery {
  private readonly runs = new Map<string, RunFacts>();
  private readonly completed = new RunsBySeq();
  private readonly firsts = new Map<FirstTest, RunFacts>();
  /** Tests whose first run was taken out: read again from the completed runs when next asked. */
  private readonly staleFirsts = new Set<FirstTest>();
  private readonly peeledRuns = new RunsBySeq();
  private readonly leaking = new RunsBySeq();
  private readonly clean = new RunsBySeq();
  /** Per operator, how many leaking and how many clean runs had it. */
  private readonly operatorCounts = new Map<string, { leaking: number; clean: number }>();
  /** Setups some run (any status) applied fixes to: the ones a proof is searched in. */
  private readonly setups = new Map<string, Setup>();
  /**
   * The completed runs of every other setup, a lone run as itself: a run with fixes may yet come to one of them.
   * Held this lean because an investigation may have a setup per run (a sweep, auto-peel, a soak).
   */
  private readonly unfixed = new Map<string, RunFacts | RunsBySeq>();

  /** The fold of every given run: what the full derivation reads. */
  static of(runs: readonly RunFacts[]): EvidenceFold {
    const fold = new EvidenceFold();
    for (const run of runs) fold.add(run);
    return fold;
  }

  get size(): number {
    return this.runs.size;
  }

  /** The run folded under this id (any status). */
  folded(id: string): RunFacts | undefined {
    return this.runs.get(id);
  }

  /** Takes a run in; a run with the same id must have been taken out first. */
  add(run: RunFacts): void {
    if (this.runs.has(run.id)) throw new Error(`EvidenceFold: run ${run.id} is already folded`);
    this.runs.set(run.id, run);
    const key = setupKey(run);
    if (run.params.fixes.length > 0) {
      const setup = this.fixedSetup(key);
      setup.withFixes++;
      if (run.status === 'completed') this.noteFixSet(setup, run);
    }
    if (run.status !== 'completed') return;
    this.completed.add(run);
    for (const test of FIRST_TEST_NAMES) {
      if (this.staleFirsts.has(test) || !FIRST_TESTS[test](run)) continue;
      const first = this.firsts.get(test);
      if (!first || run.seq < first.seq) this.firsts.set(test, run);
    }
    if (isPeeled(run)) this.peeledRuns.add(run);
    this.countOutcome(run, +1);
    const setup = this.setups.get(key);
    if (!setup) {
      this.addUnfixed(key, run);
      return;
    }
    const atEnd = setup.completed.add(run);
    if (!atEnd) setup.candidates = null;
    else if (setup.candidates) for (const candidate of setup.candidates) advance(candidate, run);
  }

  /** Takes out a run folded before (the same object). */
  remove(run: RunFacts): void {
    if (this.runs.get(run.id) !== run) throw new Error(`EvidenceFold: run ${run.id} is not folded as given`);
    this.runs.delete(run.id);
    const key = setupKey(run);
    const setup = this.setups.get(key);
    if (run.params.fixes.length > 0) setup!.withFixes--;
    if (run.status === 'completed') {
      this.completed.remove(run);
      for (const test of FIRST_TEST_NAMES) {
        if (this.firsts.get(test) !== run) continue;
        this.firsts.delete(test);
        this.staleFirsts.add(test);
      }
      this.peeledRuns.remove(run);
      this.countOutcome(run, -1);
      if (setup) {
        setup.completed.remove(run);
        setup.candidates = null;
      } else this.removeUnfixed(key, run);
    }
    if (setup && setup.withFixes === 0) this.unfix(key, setup);
  }

  /** The first completed run (in run order) passing the test. */
  first(test: FirstTest): RunFacts | undefined {
    if (this.staleFirsts.delete(test)) {
      const found = this.completed.runs.find(FIRST_TESTS[test]);
      if (found) this.firsts.set(test, found);
    }
    return this.firsts.get(test);
  }

  /** Completed runs with layers or operators removed (not the control job), in run order. */
  get peeled(): readonly RunFacts[] {
    return this.peeledRuns.runs;
  }

  /** The completed run with this id. */
  completedRun(id: string): RunFacts | undefined {
    const run = this.runs.get(id);
    return run?.status === 'completed' ? run : undefined;
  }

  /** The completed runs among these ids, in run order. */
  completedAmong(ids: ReadonlySet<string>): RunFacts[] {
    const runs = [...ids].flatMap((id) => this.completedRun(id) ?? []);
    return runs.sort((a, b) => a.seq - b.seq);
  }

  /** The implicated entries of the coverage map, equal to `implicatedCoverage(operators, runs)`. */
  implicatedCoverage(operators: readonly ScenarioOperator[]): OperatorCoverage[] {
    const leaking = this.leaking.runs.length;
    if (leaking === 0 || this.clean.runs.length === 0) return [];
    const implicated = operators.filter((operator) => {
      const counts = this.operatorCounts.get(operator.id);
      return (counts?.clean ?? 0) === 0 && (counts?.leaking ?? 0) === leaking;
    });
    if (implicated.length === 0) return [];
    const runIds = [...this.leaking.runs, ...this.clean.runs].map((run) => run.id);
    return implicated.map((operator) => ({
      operator: operator.id,
      layer: operator.layer,
      status: 'implicated' as const,
      reason: '',
      runIds,
    }));
  }

  /** The A/B/A proof, equal to `fixProof(runs)`. */
  fixProof(): FixProof {
    const searched = [...this.setups.values()]
      .filter((setup) => setup.completed.runs.length > 0)
      .sort((a, b) => a.completed.runs[0]!.seq - b.completed.runs[0]!.seq);
    return proofOfCandidates(searched.flatMap((setup) => this.candidatesOf(setup)));
  }

  /** The setup of `key` as one some run applied fixes to, made from its completed runs so far if it was not. */
  private fixedSetup(key: string): Setup {
    let setup = this.setups.get(key);
    if (!setup) {
      const held = this.unfixed.get(key);
      this.unfixed.delete(key);
      let completed: RunsBySeq;
      if (held instanceof RunsBySeq) completed = held;
      else {
        completed = new RunsBySeq();
        if (held) completed.add(held);
      }
      setup = { completed, withFixes: 0, candidates: NO_CANDIDATES };
      this.setups.set(key, setup);
    }
    return setup;
  }

  /** The last run with fixes of a setup is gone: only its completed runs are held again. */
  private unfix(key: string, setup: Setup): void {
    this.setups.delete(key);
    const runs = setup.completed.runs;
    if (runs.length === 1) this.unfixed.set(key, runs[0]!);
    else if (runs.length > 1) this.unfixed.set(key, setup.completed);
  }

  private addUnfixed(key: string, run: RunFacts): void {
    const held = this.unfixed.get(key);
    if (!held) this.unfixed.set(key, run);
    else if (held instanceof RunsBySeq) held.add(run);
    else {
      const both = new RunsBySeq();
      both.add(held);
      both.add(run);
      this.unfixed.set(key, both);
    }
  }

  private removeUnfixed(key: string, run: RunFacts): void {
    const held = this.unfixed.get(key);
    if (held === run) this.unfixed.delete(key);
    else if (held instanceof RunsBySeq) {
      held.remove(run);
      if (held.runs.length === 1) this.unfixed.set(key, held.runs[0]!);
    }
  }

  /** A completed run with fixes: a fix set the setup has not seen makes its candidates be searched again. */
  private noteFixSet(setup: Setup, run: RunFacts): void {
    if (!setup.candidates) return;
    const key = fixSetKey(run);
    if (!setup.candidates.some((candidate) => candidate.key === key)) setup.candidates = null;
  }

  private candidatesOf(setup: Setup): readonly Candidate[] {
    if (setup.candidates) return setup.candidates;
    const fixSets = new Set(setup.completed.runs.filter((run) => run.params.fixes.length > 0).map(fixSetKey));
    setup.candidates = [...fixSets].map((key) => {
      const fixes = JSON.parse(key) as string[];
      const candidate: Candidate = {
        key,
        fixes,
        steps: [null, null, null],
        tests: proofStepTests(fixes),
        next: 0,
      };
      for (const run of setup.completed.runs) advance(candidate, run);
      return candidate;
    });
    return setup.candidates;
  }

  private countOutcome(run: RunFacts, by: 1 | -1): void {
    const outcome = evidenceOutcome(run);
    if (outcome !== 'leak' && outcome !== 'no-leak') return;
    const list = outcome === 'leak' ? this.leaking : this.clean;
    if (by > 0) list.add(run);
    else list.remove(run);
    for (const operator of new Set(run.operators)) {
      let counts = this.operatorCounts.get(operator);
      if (!counts) {
        counts = { leaking: 0, clean: 0 };
        this.operatorCounts.set(operator, counts);
      }
      if (outcome === 'leak') counts.leaking += by;
      else counts.clean += by;
    }
  }
}

/** One more run of the setup, after every run the candidate has seen: the next step it may be. */
function advance(candidate: Candidate, run: RunFacts): void {
  if (candidate.next < 3 && candidate.tests[candidate.next]!(run)) candidate.steps[candidate.next++] = run;
}
