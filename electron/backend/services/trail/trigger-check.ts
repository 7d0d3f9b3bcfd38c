// Checks that the triggers keeping the trail append-only exist as Peel's migrations created them: none missing,
// none redefined under the same name, and no trigger added that no migration wrote (a BEFORE INSERT trigger with
// RAISE(IGNORE) could make audit writes vanish silently).
import type { TriggerCheck } from '../../../../shared/contract/trail-entities';
import type { StoredTrigger } from '../../store/audit-chain-store';
import type { Migration } from '../../store/migrations';

const CREATE_TRIGGER = /CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?["`[]?(\w+)["`\]]?[\s\S]*?\bEND\s*;/gi;

/** SQLite keeps a trigger's CREATE text as written; compare it with whitespace runs collapsed. */
export function normaliseSql(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/\s*;\s*$/, '')
    .trim();
}

/** Every trigger the migrations create, by name, with its normalised definition. */
export function expectedTriggers(migrations: readonly Migration[]): Map<string, string> {
  const expected = new Map<string, string>();
  for (const migration of migrations) {
    // Comments could hold the words CREATE TRIGGER; the definitions themselves hold no "--".
    const sql = migration.sql.replace(/--[^\n]*/g, '');
    for (const match of sql.matchAll(CREATE_TRIGGER)) expected.set(match[1]!, normaliseSql(match[0]));
  }
  return expected;
}

export function checkTriggers(
  expected: ReadonlyMap<string, string>,
  stored: readonly StoredTrigger[],
): TriggerCheck {
  const storedByName = new Map(stored.map((trigger) => [trigger.name, normaliseSql(trigger.sql)]));
  const missing: string[] = [];
  const altered: string[] = [];
  for (const [name, definition] of expected) {
    const actual = storedByName.get(name);
    if (actual === undefined) missing.push(name);
    else if (actual !== definition) altered.push(name);
  }
  const unexpected = stored.map((trigger) => trigger.name).filter((name) => !expected.has(name));
  return {
    ok: missing.length === 0 && altered.length === 0 && unexpected.length === 0,
    expected: [...expected.keys()].sort(),
    missing,
    altered,
    unexpected,
  };
}
