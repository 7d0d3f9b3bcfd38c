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
import {
  CohortRow,
  DiagnosisVerdict,
  DrillListEntry,
  DrillPreview,
  DrillSession,
  SavedDrill,
  Scorecard,
} from './training-entities';

export const trainingChannels = {
  'drills.list': channel(
    () => z.strictObject({}),
    () => z.array(DrillListEntry),
    "The drills Peel ships and the instructors' saved drills: title, difficulty, estimated time, the rules each exercises.",
  ),
  'drills.start': channel(
    () =>
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
    () => DrillSession,
    'Start a drill (a seed drawn when none is given, or a drill and seed picked for you): a new investigation with the page and its first hours already run.',
  ),
  'drills.writeFile': channel(
    () => z.strictObject({ drill: z.record(z.string(), z.unknown()) }),
    () => z.strictObject({ fileName: z.string(), text: z.string() }),
    "An instructor's drill definition checked (template, defects, memory, fault load, page, hints, budget) and written as a versioned drill file.",
  ),
  'drills.preview': channel(
    () => z.strictObject({ drill: z.record(z.string(), z.unknown()) }),
    () => DrillPreview,
    "An instructor's drill checked and tried on a few seeds: does peeling separate the culprit from the innocents?",
  ),
  'drills.save': channel(
    () =>
      z.strictObject({
        drill: z.record(z.string(), z.unknown()).optional(),
        drillFile: z
          .string()
          .max(1_000_000, 'drillFile is too large: the limit is 1,000,000 characters')
          .optional(),
        fileName: text('file name', 260).optional(),
      }),
    () => SavedDrill,
    "Save an instructor's drill (a definition or a drill file): listed with the drills from now on, recorded in the trail.",
  ),
  'drills.readFile': channel(
    () =>
      z.strictObject({
        drillFile: z.string().max(1_000_000, 'drillFile is too large: the limit is 1,000,000 characters'),
        fileName: text('file name', 260).optional(),
      }),
    () => z.strictObject({ drill: z.record(z.string(), z.unknown()), pinned: z.boolean() }),
    'Read a drill file for editing; a malformed or newer-version file is refused with what and where.',
  ),
  'drills.saveFile': channel(
    () => z.strictObject({ drillId: z.string().min(1).max(120) }),
    () => z.strictObject({ saved: z.boolean(), path: z.string().nullable() }),
    "Write a saved drill's file where the instructor chooses (the desktop app's save dialog).",
  ),
  'drills.fromInvestigation': channel(
    () => z.strictObject({ investigationId: Id }),
    () => SavedDrill,
    'Make a drill of a finished investigation (its pipeline, config and faults; its solution the hidden answer) and save it.',
  ),
  'drills.traineeReport': channel(
    () => z.strictObject({ investigationId: Id, format: z.enum(['md', 'html']) }),
    () => z.strictObject({ fileName: z.string(), mimeType: z.string(), text: z.string() }),
    "One trainee's scorecard as a report: each line's points, why, and links to the events behind it.",
  ),
  'drills.session': channel(
    () => z.strictObject({ investigationId: Id }),
    () => DrillSession.nullable(),
    "A drill investigation's page, clock, budget, hints and diagnoses; null when the investigation is not a drill.",
  ),
  'drills.takeHint': channel(
    () => z.strictObject({ investigationId: Id, hintId: z.enum(HINT_IDS) }),
    () => DrillSession,
    'Take a hint: its text is computed from your trail now and recorded with its cost.',
  ),
  'drills.diagnose': channel(
    () =>
      z.strictObject({
        investigationId: Id,
        culprit: z.string().min(1, 'culprit: choose one'),
        cause: z.enum(DEFECT_KINDS),
        fix: z.string().min(1, 'fix: choose one'),
        notes: text('notes', LIMITS.noteLength),
      }),
    () => DiagnosisVerdict,
    'Submit a diagnosis: refused without revealing the answer when wrong; recorded either way.',
  ),
  'drills.scorecard': channel(
    () => z.strictObject({ investigationId: Id }),
    () => Scorecard,
    "A drill's scorecard, read from its trail (an imported drill's from its verified chain).",
  ),
  'drills.cohort': channel(
    () => z.strictObject({}),
    () => z.array(CohortRow),
    'Every imported trainee drill with its scorecard, side by side (chains checked again).',
  ),
  'drills.cohortCsv': channel(
    () => z.strictObject({}),
    () => z.strictObject({ fileName: z.string(), text: z.string() }),
    'The cohort table as CSV: one row per trainee, one column per scorecard line.',
  ),
} as const;
