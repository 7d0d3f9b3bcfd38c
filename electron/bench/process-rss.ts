// Reads a process's resident memory (RSS) from Linux's /proc/PID/status: what the kernel says the process holds in
// RAM, the figure a memory soak watches (the process's own heap figures would miss native memory such as
// SQLite's page cache and Node's buffers).
import { readFileSync } from 'node:fs';

/** The VmRSS line of a /proc/PID/status text, in bytes; `where` names the source in the error. */
export function parseVmRssBytes(statusText: string, where: string): number {
  const line = statusText.split('\n').find((l) => l.startsWith('VmRSS:'));
  if (line === undefined)
    throw new Error(`${where}: no VmRSS line (is the process a zombie or a kernel thread?)`);
  const match = /^VmRSS:\s+(\d+)\s+kB\s*$/.exec(line);
  if (!match) throw new Error(`${where}: VmRSS line '${line.trim()}' is not '<number> kB'`);
  // The kernel's "kB" is KiB.
  return Number(match[1]) * 1024;
}

/** The resident memory of a running process, in bytes (Linux only). */
export function readResidentBytes(pid: number): number {
  const path = `/proc/${pid}/status`;
  return parseVmRssBytes(readFileSync(path, 'utf8'), path);
}
