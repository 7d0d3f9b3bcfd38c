// Electronegativity's result as check-security reads it: the validated shape, the gate (HIGH and MEDIUM findings
// and unscanned files fail; LOW and INFORMATIONAL are printed for review) and the table printed in the terminal.
import { z } from 'zod';

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const;
const BLOCKING: readonly Severity[] = ['MEDIUM', 'HIGH'];

const findingSchema = z.object({
  id: z.string(),
  severity: z.enum(SEVERITIES),
  confidence: z.enum(['TENTATIVE', 'FIRM', 'CERTAIN']),
  file: z.string(),
  line: z.number(),
  column: z.number(),
  sample: z.string(),
  description: z.string(),
  manualReview: z.boolean(),
});

export const scanResultSchema = z.object({
  globalChecks: z.number(),
  atomicChecks: z.number(),
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
  findings: z.array(findingSchema),
});

export type Severity = (typeof SEVERITIES)[number];
export type Finding = z.infer<typeof findingSchema>;
export type ScanResult = z.infer<typeof scanResultSchema>;

export interface Verdict {
  passed: boolean;
  /** Why it failed, one line each; empty when it passed. */
  reasons: string[];
}

export function judge(scan: ScanResult): Verdict {
  const reasons: string[] = [];
  // No checks loaded means nothing was looked at: that must not read as a clean result.
  if (scan.atomicChecks === 0 || scan.globalChecks === 0) {
    reasons.push(
      `Electronegativity loaded ${scan.atomicChecks} atomic and ${scan.globalChecks} global checks`,
    );
  }
  for (const error of scan.errors.filter((e) => !e.tolerable)) {
    reasons.push(`${error.file} was not scanned: ${error.message}`);
  }
  const blocking = scan.findings.filter((f) => BLOCKING.includes(f.severity));
  if (blocking.length > 0) {
    reasons.push(
      `${blocking.length} finding(s) of severity ${BLOCKING.join(' or ')}: ${blocking.map((f) => f.id).join(', ')}`,
    );
  }
  return { passed: reasons.length === 0, reasons };
}

function location(finding: Finding): string {
  return finding.file === 'N/A' ? '(whole app)' : `${finding.file}:${finding.line}:${finding.column}`;
}

/** A plain-text table, most severe first; the sample column is cut so a long CSP stays on one line. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings.';
  const sorted = [...findings].sort(
    (a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.id.localeCompare(b.id),
  );
  const rows = [
    ['SEVERITY', 'CONFIDENCE', 'CHECK', 'WHERE', 'DESCRIPTION', 'SAMPLE'],
    ...sorted.map((f) => [
      f.severity,
      f.confidence,
      f.id,
      location(f),
      f.description + (f.manualReview ? ' (review)' : ''),
      f.sample.length > 60 ? `${f.sample.slice(0, 57)}...` : f.sample,
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
