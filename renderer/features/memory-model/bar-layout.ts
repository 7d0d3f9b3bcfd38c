// Where the memory bar draws each component: widths to scale, except that a small part is widened to a minimum
// so it can be seen and labelled (taking the room from the big ones), and a zero part is a sliver. Pure.
import type { MemoryBreakdown } from '../../../shared/contract/lab-entities';
import { formatBytes } from '../../../shared/sim/analysis/format-bytes';
import { estimateTextWidth, type MeasureText } from '../topology/text-fit';
import { MEMORY_PARTS, type MemoryGroup, type MemoryPartInfo, partsTotal } from './memory-parts';

export interface BarSpan {
  x: number;
  width: number;
}

export interface BarSegment extends MemoryPartInfo, BarSpan {
  bytes: number;
  zero: boolean;
  /** Text drawn inside the segment, each null when it does not fit. */
  name: string | null;
  size: string | null;
}

export interface MemoryBarLayout {
  /** Width of the whole bar: `width` scaled by the process size over `scaleBytes`. */
  barWidth: number;
  segments: BarSegment[];
  groups: Record<MemoryGroup, BarSpan>;
  totalFlink: BarSpan;
  process: BarSpan;
  /** Where the YARN container limit falls on the bar. */
  containerX: number;
}

export interface BarOptions {
  width: number;
  /** Bytes the full width stands for (default: this process size), so two bars can share a scale. */
  scaleBytes?: number;
  minSegment?: number;
  zeroWidth?: number;
  /** Width of segment text (11 px); defaults to the estimate. */
  measure?: MeasureText;
}

const PADDING = 10;

/** Proportional widths with every non-zero part at least `min` wide (when the bar has room for that at all). */
export function distributeWidths(
  bytes: readonly number[],
  barWidth: number,
  min: number,
  zero: number,
): number[] {
  const widths: (number | null)[] = bytes.map((b) => (b <= 0 ? zero : null));
  for (;;) {
    const fixed = widths.reduce<number>((sum, w) => sum + (w ?? 0), 0);
    const free = bytes.reduce((sum, b, i) => sum + (widths[i] === null ? b : 0), 0);
    const room = barWidth - fixed;
    if (free <= 0 || room <= 0) break;
    let clamped = false;
    bytes.forEach((b, i) => {
      if (widths[i] === null && (b / free) * room < min) {
        widths[i] = min;
        clamped = true;
      }
    });
    if (!clamped) return widths.map((w, i) => w ?? ((bytes[i] as number) / free) * room);
  }
  // Too narrow to give every part its minimum: plain proportions.
  const total = bytes.reduce((sum, b) => sum + b, 0);
  return bytes.map((b) => (total > 0 ? (b / total) * barWidth : 0));
}

function segmentText(info: MemoryPartInfo, bytes: number, width: number, measure: MeasureText) {
  const size = formatBytes(bytes);
  const room = width - PADDING;
  if (bytes <= 0 || measure(size) > room) return { name: null, size: null };
  return { name: measure(info.label) <= room ? info.label : null, size };
}

function span(segments: readonly BarSegment[]): BarSpan {
  const first = segments[0];
  const last = segments.at(-1);
  if (!first || !last) return { x: 0, width: 0 };
  return { x: first.x, width: last.x + last.width - first.x };
}

export function layoutMemoryBar(
  memory: MemoryBreakdown,
  containerLimitBytes: number,
  options: BarOptions,
): MemoryBarLayout {
  const total = partsTotal(memory);
  const scale = Math.max(options.scaleBytes ?? total, total, 1);
  const barWidth = (options.width * total) / scale;
  const measure = options.measure ?? ((text: string) => estimateTextWidth(text, 11));
  const bytes = MEMORY_PARTS.map((info) => memory[info.part]);
  const widths = distributeWidths(bytes, barWidth, options.minSegment ?? 52, options.zeroWidth ?? 4);
  let x = 0;
  const segments = MEMORY_PARTS.map((info, i): BarSegment => {
    const width = widths[i] as number;
    const b = bytes[i] as number;
    const segment = { ...info, bytes: b, zero: b <= 0, x, width, ...segmentText(info, b, width, measure) };
    x += width;
    return segment;
  });
  const ofGroup = (group: MemoryGroup) => span(segments.filter((s) => s.group === group));
  return {
    barWidth,
    segments,
    groups: {
      heap: ofGroup('heap'),
      managed: ofGroup('managed'),
      direct: ofGroup('direct'),
      jvm: ofGroup('jvm'),
    },
    totalFlink: span(segments.filter((s) => s.group !== 'jvm')),
    process: span(segments),
    containerX: positionOf(segments, containerLimitBytes, options.width / scale),
  };
}

/** The x of a byte offset on the bar, walking the (widened) segments; past the end it continues to scale. */
export function positionOf(segments: readonly BarSegment[], offset: number, pxPerByte: number): number {
  let start = 0;
  for (const segment of segments) {
    if (offset <= start + segment.bytes && segment.bytes > 0) {
      return segment.x + ((offset - start) / segment.bytes) * segment.width;
    }
    start += segment.bytes;
  }
  const last = segments.at(-1);
  const end = last ? last.x + last.width : 0;
  return end + (offset - start) * pxPerByte;
}
