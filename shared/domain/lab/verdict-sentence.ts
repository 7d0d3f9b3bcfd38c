// A run's verdict as one sentence that agrees with its numbers and says why: a blip is not "per restart", a
// saw-tooth that still ends in OOMs says the collections do not keep up, a flat line with OOMs says something
// else runs out. Used wherever a verdict is written next to its figures (the run, the sweep, comparisons, exports).
import { formatBytes } from '../../sim/analysis/format-bytes';
import { plural } from '../plural';

export interface VerdictFacts {
  verdict: string | null;
  retainedBytesPerRestart: number | null;
  restarts: number | null;
  ooms: number | null;
}

export function verdictSentence(facts: VerdictFacts): string {
  const retained = Math.max(0, facts.retainedBytesPerRestart ?? 0);
  const ooms = facts.ooms ?? 0;
  const restarts = facts.restarts ?? 0;
  const over = restarts > 0 ? ` over ${plural(restarts, 'restart')}` : '';
  switch (facts.verdict) {
    case 'leak':
      return retained > 0
        ? `leak: +${formatBytes(retained)} retained after each restart${over}${ooms > 0 ? `, ending in ${plural(ooms, 'OOM')}` : ', no OOM yet'}`
        : `leak: memory keeps growing across restarts${ooms > 0 ? `, ending in ${plural(ooms, 'OOM')}` : ''}`;
    case 'sawtooth':
      return ooms > 0
        ? `saw-tooth that still ends in OOMs: garbage collection cuts it back, but +${formatBytes(retained)} stays after each restart and ${plural(ooms, 'OOM')} follow`
        : `saw-tooth: +${formatBytes(retained)} after each restart, cut back by garbage collection before it runs out`;
    case 'blip': {
      const rise =
        retained > 0
          ? `blip: +${formatBytes(retained)} kept after some restarts, not after every one, then flat`
          : 'blip: a rise right after restarts that settles back';
      return ooms > 0 ? `${rise}; yet ${plural(ooms, 'OOM')}: something else runs out` : rise;
    }
    case 'flat':
      return `flat: no lasting change${over}${ooms > 0 ? `; yet ${plural(ooms, 'OOM')}: something else runs out` : ''}`;
    case null:
      return 'no verdict';
    default:
      return facts.verdict;
  }
}
