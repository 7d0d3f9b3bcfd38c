// What only a desktop host can do for an export, handed to the services by electron/main.ts (the services never
// import 'electron'): ask the person where to save (or which metrics file to open), and print HTML to PDF with
// Chromium's own printer.
import type { ExportFormat } from '../../../../shared/contract/exchange-entities';

export interface ExchangeHost {
  /** Shows a save dialog; resolves to the chosen path, or null when the person cancels. */
  chooseSavePath(options: { defaultName: string; format: ExportFormat }): Promise<string | null>;
  /** Renders a self-contained HTML document to PDF bytes (A4, backgrounds as printed). */
  printToPdf(html: string): Promise<Uint8Array>;
  /**
   * Shows the native open dialog for a metrics file; resolves to its path, or null when the person cancels. The
   * file is then streamed from disk by the backend: its bytes never pass through the renderer.
   */
  chooseOpenPath?(options: { title: string }): Promise<string | null>;
}
