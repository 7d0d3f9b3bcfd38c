// The "Final TaskExecutor Memory configuration" block as Flink's BashJavaUtils logs it at TaskManager start.
import { toHumanReadableString as hr } from '../config/memory-size';
import type { MemoryBreakdown } from './memory-breakdown';

/** The log lines without the logger's prefix, joined by newlines. */
export function logTaskExecutorConfiguration(b: MemoryBreakdown): string {
  const totalOffHeap = b.managed + b.maxDirectMemory;
  return [
    'Final TaskExecutor Memory configuration:',
    `  Total Process Memory:          ${hr(b.totalProcessMemory)}`,
    `    Total Flink Memory:          ${hr(b.totalFlinkMemory)}`,
    `      Total JVM Heap Memory:     ${hr(b.jvmHeap)}`,
    `        Framework:               ${hr(b.frameworkHeap)}`,
    `        Task:                    ${hr(b.taskHeap)}`,
    `      Total Off-heap Memory:     ${hr(totalOffHeap)}`,
    `        Managed:                 ${hr(b.managed)}`,
    `        Total JVM Direct Memory: ${hr(b.maxDirectMemory)}`,
    `          Framework:             ${hr(b.frameworkOffHeap)}`,
    `          Task:                  ${hr(b.taskOffHeap)}`,
    `          Network:               ${hr(b.network)}`,
    `    JVM Metaspace:               ${hr(b.jvmMetaspace)}`,
    `    JVM Overhead:                ${hr(b.jvmOverhead)}`,
  ].join('\n');
}
