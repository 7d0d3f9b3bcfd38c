import { describe, expect, it } from 'vitest';
import { type Finding, formatFindings, judge, type ScanResult, scanResultSchema } from './security-findings';

function finding(overrides: Partial<Finding>): Finding {
  return {
    id: 'CSP_GLOBAL_CHECK',
    severity: 'LOW',
    confidence: 'FIRM',
    file: 'renderer/index.html',
    line: 5,
    column: 0,
    sample: "default-src 'none'",
    description: 'One or more CSP directives detected seems to be vulnerable',
    manualReview: true,
    ...overrides,
  };
}

function scan(overrides: Partial<ScanResult>): ScanResult {
  return { globalChecks: 6, atomicChecks: 36, errors: [], findings: [], ...overrides };
}

describe('judge', () => {
  it('passes a scan whose findings are all LOW or INFORMATIONAL', () => {
    const result = judge(
      scan({
        findings: [finding({}), finding({ id: 'AVAILABLE_SECURITY_FIXES', severity: 'INFORMATIONAL' })],
      }),
    );
    expect(result).toEqual({ passed: true, reasons: [] });
  });

  it.each(['MEDIUM', 'HIGH'] as const)('fails on a %s finding and names it', (severity) => {
    const result = judge(scan({ findings: [finding({}), finding({ id: 'PRELOAD_JS_CHECK', severity })] }));
    expect(result.passed).toBe(false);
    expect(result.reasons.join('\n')).toContain('PRELOAD_JS_CHECK');
    expect(result.reasons.join('\n')).not.toContain('CSP_GLOBAL_CHECK');
  });

  it('fails when a file could not be parsed, since its findings are unknown', () => {
    const result = judge(
      scan({ errors: [{ file: 'electron/main.ts', message: 'Unexpected token', tolerable: false }] }),
    );
    expect(result).toEqual({
      passed: false,
      reasons: ['electron/main.ts was not scanned: Unexpected token'],
    });
  });

  it('tolerates parser warnings', () => {
    expect(judge(scan({ errors: [{ file: 'a.ts', message: 'recovered', tolerable: true }] })).passed).toBe(
      true,
    );
  });

  it('fails when no checks ran at all', () => {
    expect(judge(scan({ atomicChecks: 0 })).passed).toBe(false);
  });
});

describe('scanResultSchema', () => {
  it('rejects a severity it does not know instead of letting it pass the gate', () => {
    const raw = { ...scan({}), findings: [{ ...finding({}), severity: 'CRITICAL' }] };
    expect(scanResultSchema.safeParse(raw).success).toBe(false);
  });
});

describe('formatFindings', () => {
  it('lists the most severe first with check, location and a shortened sample', () => {
    const table = formatFindings([
      finding({ sample: 'x'.repeat(100) }),
      finding({ id: 'PRELOAD_JS_CHECK', severity: 'MEDIUM', file: 'electron/main.ts', line: 31, column: 6 }),
      finding({ id: 'CSP_GLOBAL_CHECK', severity: 'MEDIUM', file: 'N/A', line: 0 }),
    ]).split('\n');
    expect(table[0]).toMatch(/^SEVERITY\s+CONFIDENCE\s+CHECK\s+WHERE/);
    expect(table[1]).toMatch(/^MEDIUM\s+FIRM\s+CSP_GLOBAL_CHECK\s+\(whole app\)/);
    expect(table[2]).toMatch(/^MEDIUM\s+FIRM\s+PRELOAD_JS_CHECK\s+electron\/main\.ts:31:6/);
    expect(table[3]).toMatch(/^LOW .*x{57}\.\.\.$/);
  });

  it('says so when there is nothing to list', () => {
    expect(formatFindings([])).toBe('No findings.');
  });
});
