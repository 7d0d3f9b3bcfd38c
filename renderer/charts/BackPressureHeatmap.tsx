// Back pressure of every operator over time, like the seed's Figure 2: operators grouped by layer, red where
// back-pressured, hatched where not running. Drawn on a canvas; zoom, pan and cursor are linked with the
// charts by sync key; exports PNG and SVG. Presentational: the matrix comes in, windows go out.
import './graphs.css';
import {
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
} from 'react';
import type { TimeRange } from '../../shared/report/chart/chart-series';
import { useChartTheme } from './chart-theme';
import type { DecodedHeatmap } from './decode-series';
import {
  downloadFile,
  type ExportedFile,
  type ExportFormat,
  exportFileName,
  type GraphHandle,
  svgBlob,
} from './export-file';
import { HEAT_MAX_MS, heatColor, heatLut } from './heatmap-colors';
import { HeatmapController } from './heatmap-controller';
import { heatmapRows } from './heatmap-layout';
import { heatmapToSvg } from './heatmap-svg';
import { composePng } from './png-export';
import { graphSync } from './range-sync';
import { sameRange } from './zoom-math';

export interface BackPressureHeatmapProps {
  title?: string;
  subtitle?: string;
  /** The matrix from runs.heatmap, decoded (decodeHeatmap); null while loading the first time. */
  heatmap: DecodedHeatmap | null;
  /** Layer order of the plan (JobPlan.layers). */
  layers?: readonly string[];
  domain: TimeRange;
  view?: TimeRange | null;
  onRangeChange?: (fromSec: number, toSec: number) => void;
  syncKey?: string;
  /** Width of the label column in CSS pixels; give charts stacked above the same `gutter` so the times line up. */
  gutter?: number;
  rowHeight?: number;
  loading?: boolean;
  exportName?: string;
  onExport?: (file: ExportedFile) => void;
  /** An export failed (the canvas could not be encoded); for the slice's notices. */
  onExportError?: (error: Error) => void;
  ref?: Ref<GraphHandle>;
}

const REPORT_DELAY_MS = 180;
const EMPTY: DecodedHeatmap = {
  operators: [],
  startSec: 0,
  stepSec: 1,
  columns: 0,
  values: new Float32Array(0),
};

export function BackPressureHeatmap(props: BackPressureHeatmapProps) {
  const { title = 'Back pressure by operator', domain, view, syncKey, gutter = 180, rowHeight = 16 } = props;
  const theme = useChartTheme();
  const data = props.heatmap ?? EMPTY;
  const layout = useMemo(
    () => heatmapRows(data.operators, props.layers, rowHeight),
    [data.operators, props.layers, rowHeight],
  );
  const hostRef = useRef<HTMLElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const readoutRef = useRef<HTMLDivElement>(null);
  const controller = useRef<HeatmapController | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const inputs = { data, layout, theme, domain, gutter };
  const inputsRef = useRef(inputs);
  inputsRef.current = inputs;

  const reportTimer = useRef(0);
  const onRange = useCallback((range: TimeRange) => {
    window.clearTimeout(reportTimer.current);
    reportTimer.current = window.setTimeout(
      () => latest.current.onRangeChange?.(range.fromSec, range.toSec),
      REPORT_DELAY_MS,
    );
  }, []);
  useEffect(() => () => window.clearTimeout(reportTimer.current), []);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const host = hostRef.current;
    const readout = readoutRef.current;
    if (!canvas || !host || !readout) return;
    const p = latest.current;
    const initial = p.view ?? (syncKey ? graphSync.lastRange(syncKey) : undefined) ?? p.domain;
    const c = new HeatmapController(canvas, host, readout, inputsRef.current, initial, syncKey, onRange);
    controller.current = c;
    return () => {
      c.destroy();
      controller.current = null;
    };
  }, [syncKey, onRange]);

  useLayoutEffect(() => {
    controller.current?.update({ data, layout, theme, domain, gutter });
  }, [data, layout, theme, domain, gutter]);

  const viewFrom = view?.fromSec;
  const viewTo = view?.toSec;
  useEffect(() => {
    const c = controller.current;
    if (!c || viewFrom === undefined || viewTo === undefined) return;
    const next = { fromSec: viewFrom, toSec: viewTo };
    if (!sameRange(c.getRange(), next)) c.setRange(next, 'prop');
  }, [viewFrom, viewTo]);

  const exportAs = useCallback(async (format: ExportFormat): Promise<ExportedFile> => {
    const c = controller.current;
    if (!c) throw new Error('The heat map is not drawn yet.');
    const p = latest.current;
    const fileName = exportFileName(p.exportName ?? p.title ?? 'back-pressure', format);
    const current = inputsRef.current;
    if (format === 'svg') {
      const svg = heatmapToSvg({
        title: p.title ?? 'Back pressure by operator',
        subtitle: p.subtitle,
        width: Math.max(480, hostRef.current?.clientWidth ?? 900),
        theme: current.theme,
        window: c.getRange(),
        operators: current.data.operators,
        layers: p.layers,
        startSec: current.data.startSec,
        stepSec: current.data.stepSec,
        columns: current.data.columns,
        values: current.data.values,
        labelWidth: current.gutter,
      });
      return { format, blob: svgBlob(svg), fileName };
    }
    const lut = heatLut(current.theme.name);
    const blob = await composePng({
      canvas: c.drawNow(),
      ratio: devicePixelRatio || 1,
      theme: current.theme,
      title: p.title ?? 'Back pressure by operator',
      subtitle: p.subtitle,
      legend: [
        { label: '0 ms/s', color: heatColor(0, lut)! },
        { label: '500 ms/s', color: heatColor(500, lut)! },
        { label: `${HEAT_MAX_MS} ms/s back-pressured`, color: heatColor(HEAT_MAX_MS, lut)! },
        { label: 'not running', color: current.theme.sunken },
      ],
    });
    return { format, blob, fileName };
  }, []);

  useImperativeHandle(
    props.ref,
    () => ({
      exportFile: exportAs,
      getRange: () => controller.current?.getRange() ?? null,
      setRange: (range) => controller.current?.setRange(range, 'user'),
    }),
    [exportAs],
  );

  const runExport = (format: ExportFormat) => {
    exportAs(format)
      .then((file) => (latest.current.onExport ?? downloadFile)(file))
      .catch((error: unknown) =>
        latest.current.onExportError?.(error instanceof Error ? error : new Error(String(error))),
      );
  };
  const lut = heatLut(theme.name);

  return (
    <section className="graph-card" aria-label={title}>
      <header className="graph-head">
        <div className="graph-titles">
          <h3 className="graph-title">{title}</h3>
          {props.subtitle && <span className="graph-subtitle">{props.subtitle}</span>}
        </div>
        <div
          className="graph-heat-scale"
          role="img"
          aria-label="Colour scale: 0 to 1000 ms/s back-pressured, hatched where not running"
        >
          <span>0</span>
          <span className="graph-heat-ramp">
            {[0, 125, 250, 375, 500, 625, 750, 875, 1000].map((v) => (
              <i key={v} style={{ backgroundColor: heatColor(v, lut) ?? undefined }} />
            ))}
          </span>
          <span>{HEAT_MAX_MS} ms/s back-pressured</span>
          <span className="graph-heat-off" />
          <span>not running</span>
        </div>
        <div className="graph-actions">
          <button type="button" className="graph-action" title="Save as PNG" onClick={() => runExport('png')}>
            PNG
          </button>
          <button type="button" className="graph-action" title="Save as SVG" onClick={() => runExport('svg')}>
            SVG
          </button>
        </div>
      </header>
      <figure
        ref={hostRef}
        className="graph-heatmap"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the heat map takes + - arrows and 0 for zoom and pan
        tabIndex={0}
        aria-label={`${title}. Drag to zoom, wheel to zoom at the pointer, shift-drag to pan, double-click for the whole run. Keys: up and down read an operator at the middle of the window, left and right pan, plus and minus zoom, 0 shows the whole run.`}
      >
        <canvas ref={canvasRef} className="graph-heatmap-canvas" />
        <div ref={readoutRef} className="graph-tooltip graph-heat-readout" role="status" hidden />
        {props.loading && <div className="graph-loading" aria-hidden="true" />}
        {!props.heatmap && <div className="graph-empty">No back-pressure data yet.</div>}
      </figure>
    </section>
  );
}
