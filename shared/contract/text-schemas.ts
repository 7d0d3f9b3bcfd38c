// Text fields with limits whose messages name the field and the limit ("note is too long: the limit is 100,000
// characters"), shared by every channel file.
import { z } from 'zod';

// A NUL character is never text a person wrote; SQLite's text functions stop at it, so one would reach the store
// as a different (or empty) string. Refused here, by name, before any service runs.
const NUL = String.fromCharCode(0);

export const text = (label: string, max: number) =>
  z
    .string()
    .max(max, `${label} is too long: the limit is ${max.toLocaleString('en-US')} characters`)
    .refine((value) => !value.includes(NUL), `${label} must not contain NUL characters (\\u0000)`);

export const requiredText = (label: string, max: number) =>
  text(label, max).refine((value) => value.trim().length > 0, `${label} must not be empty`);
