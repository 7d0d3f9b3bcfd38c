// The coverage map's statuses in words: what each means for the operator, in the order the legend lists them.
import type { CoverageStatus } from '../../../shared/contract/lab-entities';

export interface CoverageStatusInfo {
  status: CoverageStatus;
  label: string;
  meaning: string;
}

export const COVERAGE_STATUSES: readonly CoverageStatusInfo[] = [
  { status: 'untested', label: 'untested', meaning: 'No run has included or removed it yet.' },
  {
    status: 'tested',
    label: 'tested',
    meaning: 'It ran, but no restarted run without a leak clears it yet.',
  },
  { status: 'peeled', label: 'peeled', meaning: 'Removed in at least one run; not cleared yet.' },
  { status: 'cleared', label: 'cleared', meaning: 'It ran in a restarted run that did not leak.' },
  {
    status: 'implicated',
    label: 'implicated',
    meaning: 'In every run that leaked, and a run without it did not leak: the leak is here.',
  },
];

export function coverageInfo(status: CoverageStatus): CoverageStatusInfo {
  return (
    COVERAGE_STATUSES.find((info) => info.status === status) ?? (COVERAGE_STATUSES[0] as CoverageStatusInfo)
  );
}
