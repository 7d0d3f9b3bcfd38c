// Agans' nine debugging rules as Peel guides them: each rule has guiding prompts and checklist items written
// for hunting a memory leak in a streaming job. Ids are stable: the store and the audit trail refer to them.

export const RULE_IDS = [
  'understand-the-system',
  'make-it-fail',
  'quit-thinking-and-look',
  'divide-and-conquer',
  'change-one-thing',
  'keep-an-audit-trail',
  'check-the-plug',
  'get-a-fresh-view',
  'verify-the-fix',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export interface ChecklistItem {
  /** Stable id, unique across all rules, e.g. "plug.memory-settings". */
  id: string;
  text: string;
  /** Why the item matters, shown under it. */
  hint?: string;
}

export interface Rule {
  id: RuleId;
  number: number;
  title: string;
  /** One line on what the rule asks of you in this kind of incident. */
  summary: string;
  /** Questions to ask yourself before ticking anything. */
  prompts: string[];
  checklist: ChecklistItem[];
}

export const RULES: readonly Rule[] = [
  {
    id: 'understand-the-system',
    number: 1,
    title: 'Understand the System',
    summary: 'Know how the job and the JVM spend memory before you decide what is wrong with them.',
    prompts: [
      'Which operators allocate off-heap memory (direct buffers, Unsafe, memory-mapped files), and who frees it?',
      'How does Flink split the TaskManager process: heap, managed, framework and task off-heap, network, metaspace, overhead?',
      'What happens to an operator on a task failure: close(), then open() in the same JVM after the restart?',
      'Which limit would a leak hit first: -XX:MaxDirectMemorySize, the heap, or the YARN container?',
    ],
    checklist: [
      {
        id: 'understand.topology',
        text: 'Drew the job graph: every operator, its layer, parallelism and which memory it uses',
        hint: 'Sources, joins, RPC calls, off-heap maps and sinks each spend memory differently.',
      },
      {
        id: 'understand.memory-model',
        text: 'Worked out the TaskManager memory breakdown and the direct-memory limit from the config',
        hint: 'MaxDirectMemorySize = framework off-heap + task off-heap + network.',
      },
      {
        id: 'understand.lifecycle',
        text: 'Listed what each suspect allocates in open() and frees in close()',
        hint: 'Anything outside the operator lifecycle (statics, singletons, native maps) survives a restart.',
      },
      {
        id: 'understand.symptom-vs-cause',
        text: 'Separated the symptoms (OOM stack traces, back pressure, restarts) from candidate causes',
        hint: 'The OOM is often thrown in a network or RPC buffer, not where the memory leaks.',
      },
    ],
  },
  {
    id: 'make-it-fail',
    number: 2,
    title: 'Make it Fail',
    summary: 'Reproduce the failure on demand, and make it fail fast, on a dev copy of the job.',
    prompts: [
      'What stimulus brings the failure on: task restarts, container loss, back pressure, large payloads?',
      'Can you shorten the wait: restart containers every few minutes instead of waiting days for a page?',
      'Does the failure reproduce with the production memory settings, not just a smaller box?',
    ],
    checklist: [
      {
        id: 'fail.restarts',
        text: 'Simulated task failures by shutting containers down on a schedule',
        hint: 'yarn container -signal <id> GRACEFUL_SHUTDOWN; the rest of the job restarts in place.',
      },
      {
        id: 'fail.back-pressure',
        text: 'Caused back pressure by pausing or slowing the sink',
        hint: 'A Thread.sleep() in the single sink fills every upstream output buffer within seconds.',
      },
      {
        id: 'fail.reproduced',
        text: 'Reproduced the direct-memory OOM (or the growth that leads to it) on demand',
      },
      {
        id: 'fail.fast',
        text: 'Made the failure happen in minutes, not days',
      },
    ],
  },
  {
    id: 'quit-thinking-and-look',
    number: 3,
    title: 'Quit Thinking and Look',
    summary: 'Watch the memory graphs and the events; let the data pick the suspect, not the hunch.',
    prompts: [
      'Is it a staircase (retained per restart), a saw-tooth (full GCs resetting it), a blip or flat?',
      'Do the steps line up with the restarts, the shutdowns, or the sink pauses?',
      'Which operators are back-pressured, and which one is the bottleneck downstream of them?',
    ],
    checklist: [
      {
        id: 'look.direct-graph',
        text: 'Looked at direct memory per TaskManager over time, with the limit on the graph',
      },
      {
        id: 'look.staircase',
        text: 'Measured the memory retained after each restart',
        hint: 'A constant step per restart is the signature of memory not freed in close().',
      },
      {
        id: 'look.back-pressure',
        text: 'Checked back pressure per operator over time',
      },
      {
        id: 'look.events',
        text: 'Read the OOM messages and the restart events, not just their count',
      },
    ],
  },
  {
    id: 'divide-and-conquer',
    number: 4,
    title: 'Divide and Conquer',
    summary: 'Peel the onion: remove layers and operators until the leak sits in one place.',
    prompts: [
      'Platform or application: does a trivial job on the same cluster settings leak too?',
      'Which cut halves the remaining suspects?',
      'Which operators have you cleared, and on what evidence?',
    ],
    checklist: [
      {
        id: 'divide.control',
        text: 'Ran a control job (same platform config, trivial source-to-sink) to rule the platform in or out',
      },
      {
        id: 'divide.peeled',
        text: 'Removed layers one at a time and repeated the same failure schedule',
      },
      {
        id: 'divide.isolated',
        text: 'Isolated the leak to a single layer or operator',
      },
    ],
  },
  {
    id: 'change-one-thing',
    number: 5,
    title: 'Change One Thing at a Time',
    summary: 'Each experiment differs from its parent in exactly one way, so its result means one thing.',
    prompts: [
      'What exactly differs between this run and the one you compare it with?',
      'Did you change the memory settings and the topology in the same step?',
      'Did you back out the changes that made no difference?',
    ],
    checklist: [
      {
        id: 'one-change.single-diff',
        text: 'Every experiment changes one thing from its parent (topology, config, or fault schedule)',
      },
      {
        id: 'one-change.same-schedule',
        text: 'Compared runs with the same failure schedule, duration and seed',
      },
      {
        id: 'one-change.reverted',
        text: 'Reverted changes that made no difference before the next experiment',
      },
    ],
  },
  {
    id: 'keep-an-audit-trail',
    number: 6,
    title: 'Keep an Audit Trail',
    summary: 'Write down what you did, in what order, and what happened: the trail is the investigation.',
    prompts: [
      'Could a colleague re-run every experiment from what you wrote down?',
      'Did you record the surprises, not just the confirmations?',
    ],
    checklist: [
      {
        id: 'audit.notes',
        text: 'Noted what was changed and what was seen after each experiment',
      },
      {
        id: 'audit.exact',
        text: 'Recorded exact settings, times and seeds, not impressions',
      },
      {
        id: 'audit.mitigation',
        text: 'Recorded the band-aid (e.g. raised task off-heap and network memory) and when it goes away',
      },
    ],
  },
  {
    id: 'check-the-plug',
    number: 7,
    title: 'Check the Plug',
    summary: 'Question the obvious: the settings, the metric and the experiment itself.',
    prompts: [
      'Are the memory settings in effect the ones in the file you edited?',
      'Is the graph you are reading direct memory, or heap, or resident memory?',
      'Did the failure you scheduled actually fire?',
    ],
    checklist: [
      {
        id: 'plug.memory-settings',
        text: 'The memory settings in effect are the ones you think (check the TaskManager log and JVM args)',
        hint: 'Look for -XX:MaxDirectMemorySize in the TaskManager command line, not the YAML.',
      },
      {
        id: 'plug.right-metric',
        text: 'You are reading the metric you think: direct, not heap',
        hint: 'Status.JVM.Memory.Direct.MemoryUsed; Unsafe memory only shows in resident memory.',
      },
      {
        id: 'plug.failures-fired',
        text: 'The container shutdowns and sink pauses actually happened when scheduled',
      },
      {
        id: 'plug.baseline',
        text: 'A baseline run exists to compare against',
      },
      {
        id: 'plug.gc-flags',
        text: 'Checked env.java.opts for -XX:+DisableExplicitGC and other GC flags',
        hint: 'With explicit GC disabled, a failed direct reservation cannot trigger a rescuing full GC.',
      },
    ],
  },
  {
    id: 'get-a-fresh-view',
    number: 8,
    title: 'Get a Fresh View',
    summary: 'Explain it to someone else; platform experts see what application owners miss.',
    prompts: [
      'Who knows the platform (Flink, YARN, the JVM) better than you?',
      'Can you explain the bug in two sentences without the word "somehow"?',
    ],
    checklist: [
      {
        id: 'fresh.explained',
        text: 'Walked someone through the evidence so far',
      },
      {
        id: 'fresh.platform-expert',
        text: 'Asked a platform expert about the lifecycle and memory questions',
      },
      {
        id: 'fresh.handover',
        text: 'Exported the trail so someone else can pick it up',
      },
    ],
  },
  {
    id: 'verify-the-fix',
    number: 9,
    title: "If You Didn't Fix It, It Ain't Fixed",
    summary: 'Prove the fix with the same experiment that made it fail: with it, without it, with it again.',
    prompts: [
      'Does the same failure schedule that produced the staircase now give a flat line?',
      'Does removing the fix bring the staircase back?',
      'Did the band-aid come off, and did the pages stop?',
    ],
    checklist: [
      {
        id: 'verify.same-experiment',
        text: 'Re-ran the failing experiment with the fix: the staircase is gone',
      },
      {
        id: 'verify.ab-ab',
        text: 'Showed the staircase returns without the fix, and goes again with it (A/B/A)',
      },
      {
        id: 'verify.mitigation-removed',
        text: 'Removed the temporary memory increase and confirmed the job stays healthy',
      },
    ],
  },
];

const itemIndex = new Map<string, { rule: Rule; item: ChecklistItem }>();
for (const rule of RULES) for (const item of rule.checklist) itemIndex.set(item.id, { rule, item });

export function findChecklistItem(itemId: string): { rule: Rule; item: ChecklistItem } | undefined {
  return itemIndex.get(itemId);
}

export function findRule(ruleId: string): Rule | undefined {
  return RULES.find((rule) => rule.id === ruleId);
}

export const CHECKLIST_ITEM_COUNT = itemIndex.size;
