// Drills: a trainee starts one (chosen or "surprise me"), reads the page, works it as an ordinary investigation,
// takes hints, submits diagnoses and reads the scorecard; an instructor writes drill files, turns an investigation
// into a drill and compares the scorecards of imported trainee bundles.
import { z } from 'zod';
import { HINT_IDS } from '../training';
import { DEFECT_KINDS } from '../training/defect-kinds';
import { channel } from './channel';
import { Id } from './entities';
import { LIMITS } from './limits';
import { text } from './text-schemas';
import { CohortRow, DiagnosisVerdict, DrillListing, DrillSession, Scorecard } from './training-entities';

export const trainingChannels = {
  'drills.list': channel(
    z.strictObject({}),
    z.array(DrillListing),
    'The drills Peel ships: title, difficulty, estimated time, the rules each exercises.',
  ),
  'drills.start': channel(
    z.strictObject({
      /** The drill to start; absent with `surprise`, which picks the drill and the seed. */
      drillId: z.string().min(1).optional(),
      /** The variant; drawn at random when absent. */
      seed: z.number().int().positive().optional(),
      surprise: z.boolean().optional(),
      /** An instructor's drill file (its text), instead of a drill from the catalogue. */
      drillFile: z
        .string()
        .max(1_000_000, 'drillFile is too large: the limit is 1,000,000 characters')
        .optional(),
      /** The file's name, for messages. */
      fileName: text('file name', 260).optional(),
    }),
    DrillSession,
    'Start a drill (a seed drawn when none is given, or a drill and seed picked for you): a new investigation with the page and its first hours already run.',
  ),
  'drills.writeFile': channel(
    z.strictObject({ drill: z.record(z.string(), z.unknown()) }),
    z.strictObject({ fileName: z.string(), text: z.string() }),
    "An instructor's drill definition checked (template, defects, memory, fault load, page, hints, budget) and written as a versioned drill file.",
  ),
  'drills.session': channel(
    z.strictObject({ investigationId: Id }),
    DrillSession.nullable(),
    "A drill investigation's page, clock, budget, hints and diagnoses; null when the investigation is not a drill.",
  ),
  'drills.takeHint': channel(
    z.strictObject({ investigationId: Id, hintId: z.enum(HINT_IDS) }),
    DrillSession,
    'Take a hint: its text is computed from your trail now and recorded with its cost.',
  ),
  'drills.diagnose': channel(
    z.strictObject({
      investigationId: Id,
      culprit: z.string().min(1, 'culprit: choose one'),
      cause: z.enum(DEFECT_KINDS),
      fix: z.string().min(1, 'fix: choose one'),
      notes: text('notes', LIMITS.noteLength),
    }),
    DiagnosisVerdict,
    'Submit a diagnosis: refused without revealing the answer when wrong; recorded either way.',
  ),
  'drills.scorecard': channel(
    z.strictObject({ investigationId: Id }),
    Scorecard,
    "A drill's scorecard, read from its trail (an imported drill's from its verified chain).",
  ),
  'drills.cohort': channel(
    z.strictObject({}),
    z.array(CohortRow),
    'Every imported trainee drill with its scorecard, side by side (chains checked again).',
  ),
  'drills.cohortCsv': channel(
    z.strictObject({}),
    z.strictObject({ fileName: z.string(), text: z.string() }),
    'The cohort table as CSV: one row per trainee, one column per scorecard line.',
  ),
} as const;
