import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DRILLS, findDrill } from './drill-catalog';
import {
  DRILL_FILE_VERSION,
  DRILL_SCHEMA_ID,
  DrillFileError,
  drillJsonSchema,
  parseDrillFile,
  writeDrillFile,
} from './drill-file';
import { generateVariant } from './generate-variant';

const published = JSON.parse(readFileSync(new URL('./drill-file.schema.json', import.meta.url), 'utf8'));
const drill = findDrill('restart-staircase');
if (!drill) throw new Error('missing drill');

function refusal(text: string): DrillFileError {
  try {
    parseDrillFile(text, 'staircase.drill.json');
  } catch (error) {
    if (error instanceof DrillFileError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

// biome-ignore lint/suspicious/noExplicitAny: the tests break arbitrary fields of the parsed file
const edited = (change: (file: Record<string, any>) => void): string => {
  const file = JSON.parse(writeDrillFile(drill));
  change(file);
  return JSON.stringify(file, null, 2);
};

describe('the drill file', () => {
  it('round-trips every shipped drill', () => {
    for (const d of DRILLS) expect(parseDrillFile(writeDrillFile(d))).toEqual({ drill: d, pinnedSeed: null });
  });

  it('is published as a JSON Schema generated from the zod schema (tsx electron/tooling/write-drill-schema.ts)', () => {
    expect(published).toEqual(drillJsonSchema());
    expect(published.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(published.$id).toBe(DRILL_SCHEMA_ID);
    expect(published.properties.version.const).toBe(DRILL_FILE_VERSION);
    expect(published.additionalProperties).toBe(false);
    expect(published.properties.drill.additionalProperties).toBe(false);
    expect(Object.keys(published.properties.drill.properties)).not.toContain('answer');
  });

  it('keeps a pinned seed sealed: not readable, re-derivable, and bound to the definition', () => {
    const text = writeDrillFile(drill, 123456);
    expect(text).not.toContain('123456');
    const answer = generateVariant(drill, 123456).answer;
    if (answer.culprit.kind === 'operator') expect(text).not.toContain(answer.culprit.operatorId);
    expect(parseDrillFile(text).pinnedSeed).toBe(123456);
    const tampered = JSON.parse(text);
    tampered.drill.budgetHours = 61;
    const error = refusal(JSON.stringify(tampered));
    expect(error.where).toBe('pinned');
    expect(error.message).toMatch(/pinned: the sealed value does not belong to this content/);
  });

  it('refuses malformed JSON with the line and column', () => {
    const text = writeDrillFile(drill).replace('"title"', '"title" "oops"');
    const error = refusal(text);
    expect(error.where).toBe('file');
    const line = text.split('\n').findIndex((l) => l.includes('"title" "oops"')) + 1;
    expect(error.line).toBe(line);
    expect(error.message).toMatch(
      new RegExp(`^staircase\\.drill\\.json is not valid JSON at line ${line}, column \\d+`),
    );
  });

  it('refuses a newer version, saying which', () => {
    const error = refusal(edited((f) => (f.version = DRILL_FILE_VERSION + 1)));
    expect(error.where).toBe('version');
    expect(error.message).toContain(
      'written by a newer Peel (drill version 2; this Peel reads version 1 and older)',
    );
  });

  it('refuses another format and fields that do not fit, naming the field', () => {
    expect(refusal(edited((f) => (f.format = 'peel-bundle'))).where).toBe('format');
    const range = refusal(edited((f) => (f.drill.template.sources = [3, 1])));
    expect(range.where).toBe('drill.template.sources');
    expect(range.message).toContain('the first number must not exceed the second');
    const kind = refusal(edited((f) => (f.drill.defects = ['memory-gremlins'])));
    expect(kind.where).toBe('drill.defects[0]');
    const extra = refusal(edited((f) => (f.drill.answer = 'lookup-geo')));
    expect(extra.where).toBe('drill');
    expect(extra.message).toMatch(/answer/);
  });

  it('refuses a drill whose defect cannot show under its fault load', () => {
    const noSlowdown = refusal(
      edited((f) => {
        f.drill.defects = ['async-queue-kept-on-close'];
      }),
    );
    expect(noSlowdown.where).toBe('drill.faults.sinkSlowdowns');
    expect(noSlowdown.message).toMatch(/only shows while the sink is slow/);
  });
});
