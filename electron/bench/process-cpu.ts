// Reads the CPU time a process has used from Linux's /proc/PID/stat: on a shared machine the wall-clock time of a
// step changes with everyone else's load, the CPU time it took much less, so an A/B of two builds compares both.
import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports times in these ticks (100 on every Linux Peel is measured on). */
const TICKS_PER_SECOND = 100;

/** User plus system CPU time in ms from a /proc/PID/stat text; `where` names the source in the error. */
export function parseCpuMs(statText: string, where: string): number {
  // The command name (field 2) is in parentheses and may hold spaces or parentheses: fields follow the last ')'.
  const close = statText.lastIndexOf(')');
  if (close < 0) throw new Error(`${where}: no '(command)' field; is this a /proc/PID/stat text?`);
  const fields = statText
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  // After the command: state (3), ppid, pgrp, session, tty_nr, tpgid, flags, minflt, cminflt, majflt, cmajflt,
  // utime (14), stime (15).
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  if (!Number.isInteger(user) || !Number.isInteger(system))
    throw new Error(`${where}: utime '${fields[11]}' and stime '${fields[12]}' are not whole tick counts`);
  return ((user + system) * 1000) / TICKS_PER_SECOND;
}

/** The CPU time a running process has used so far, in ms (10 ms steps; Linux only). */
export function readCpuMs(pid: number): number {
  const path = `/proc/${pid}/stat`;
  return parseCpuMs(readFileSync(path, 'utf8'), path);
}
