// The writer the kill -9 durability test runs in a child process: Peel's real backend on a data folder, doing
// user actions one at a time (checklist ticks, notes, corrections, hypotheses) until it is killed. After each call
// returns (the action is acknowledged) it prints "ack <seq> <id>" for every audit event the action wrote.
import { openBackend } from '../../backend';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('durability-writer: usage: durability-writer.ts DATA_DIR');
  process.exit(2);
}

const ITEMS = [
  'fail.restarts',
  'fail.back-pressure',
  'look.direct-graph',
  'plug.memory-settings',
  'audit.exact',
];

async function main(dir: string): Promise<void> {
  const backend = openBackend({ dataDir: dir, host: 'browser', version: 'durability', user: 'writer' });
  const appended: { seq: number; id: string }[] = [];
  backend.subscribe((event) => {
    if (event.name === 'audit.appended') appended.push({ seq: event.payload.seq, id: event.payload.id });
  });
  const call = async <T>(channel: string, request: unknown): Promise<T> => {
    const result = await backend.dispatch(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    // Pipes are written synchronously on POSIX: once this returns the line is the parent's, even if we die next.
    for (const event of appended.splice(0)) process.stdout.write(`ack ${event.seq} ${event.id}\n`);
    return result.value as T;
  };
  const existing = await call<{ id: string }[]>('investigations.list', {});
  const investigationId =
    existing[0]?.id ??
    (
      await call<{ id: string }>('investigations.create', {
        title: 'Killed mid-sentence',
        summary: '',
        startedAt: 0,
      })
    ).id;
  const detail = await call<{ checklist: { itemId: string; ticked: boolean }[]; notes: { id: string }[] }>(
    'investigations.get',
    { id: investigationId },
  );
  const ticked = new Map(detail.checklist.map((tick) => [tick.itemId, tick.ticked]));
  let lastNote = detail.notes.at(-1)?.id;
  for (let i = 0; ; i++) {
    const step = i % 4;
    if (step === 0 || step === 2) {
      const itemId = ITEMS[i % ITEMS.length]!;
      const next = !(ticked.get(itemId) ?? false);
      await call('checklist.set', { investigationId, itemId, ticked: next });
      ticked.set(itemId, next);
    } else if (step === 1 || !lastNote) {
      lastNote = (
        await call<{ id: string }>('notes.add', {
          investigationId,
          ruleId: 'keep-an-audit-trail',
          body: `Observation ${i}: direct memory ${(i * 37) % 1000} MiB after restart ${i}`,
        })
      ).id;
    } else {
      await call('notes.correct', { noteId: lastNote, body: `Observation corrected at step ${i}` });
    }
  }
}

main(dataDir).catch((error: unknown) => {
  console.error(`durability-writer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(3);
});
