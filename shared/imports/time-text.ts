// Times as exports and people write them: epoch milliseconds (Grafana), epoch seconds (Prometheus), and
// date-times (`2024-03-01 10:15:30`, RFC 3339). A date-time without an offset is read as UTC, so a result never
// depends on the machine's time zone.

export type TimeForm = 'epoch-ms' | 'epoch-s' | 'iso-8601';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A date-time as epoch seconds; undefined when it is not one or names an impossible date. */
export function parseDateTime(text: string): number | undefined {
  const ms = parseDateTimeMs(text);
  return ms === undefined ? undefined : ms / 1000;
}

/** A date-time as epoch milliseconds, exactly as written (no round trip through seconds). */
export function parseDateTimeMs(text: string): number | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second) + Number(`0.${frac || '0'}`) * 1000;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
  }
  return ms;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A CSV time cell: epoch milliseconds or a date-time, as epoch seconds with its form. */
export function parseCsvTime(text: string): { sec: number; form: TimeForm } | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return { sec: Number(t) / 1000, form: 'epoch-ms' };
  const sec = parseDateTime(t);
  return sec === undefined ? undefined : { sec, form: 'iso-8601' };
}

/**
 * A time a person types (command line, form): a date-time, epoch milliseconds (13 digits or more) or epoch
 * seconds (fewer digits, fractions allowed), as epoch seconds.
 */
export function parseUserTime(text: string): { sec: number; form: TimeForm } | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) {
    const whole = t.split('.')[0] as string;
    return whole.length >= 12
      ? { sec: Number(t) / 1000, form: 'epoch-ms' }
      : { sec: Number(t), form: 'epoch-s' };
  }
  const sec = parseDateTime(t);
  return sec === undefined ? undefined : { sec, form: 'iso-8601' };
}

/** A time printed back in the form the source used. */
export function formatTime(sec: number, form: TimeForm): string | number {
  if (form === 'epoch-ms') return Math.round(sec * 1000);
  if (form === 'epoch-s') return sec;
  return new Date(Math.round(sec * 1000)).toISOString();
}
