// Text fields with limits whose messages name the field and the limit ("note is too long: the limit is 100,000
// characters"), shared by every channel file.
import { z } from 'zod';

export const text = (label: string, max: number) =>
  z.string().max(max, `${label} is too long: the limit is ${max.toLocaleString('en-US')} characters`);

export const requiredText = (label: string, max: number) =>
  text(label, max).refine((value) => value.trim().length > 0, `${label} must not be empty`);
