// Handing investigations over: exporting the open one (a save dialog in the desktop app, a download in browser
// mode, where a PDF is printed by the backend with headless Chromium, saved and downloaded), importing a bundle,
// what an imported investigation is (read-only, its hand-over, its trail as received) and continuing it in a new branch; plus the marks the list shows on imports and branches.
import type { StateCreator } from 'zustand';
import type { ExportFormat } from '../../shared/contract/exchange-entities';
import { ApiError } from '../api/client';
import { download, downloadExport, downloadPdf } from '../api/deliver-export';
import { api } from './client-ref';
import type { ExchangeSlice } from './exchange-types';
import type { PeelState } from './peel-state';

export const EXPORT_FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'md', label: 'Markdown postmortem', hint: 'for GitHub or a wiki, graphs as SVG files beside it' },
  { format: 'html', label: 'HTML report', hint: 'one self-contained, printable file' },
  { format: 'pdf', label: 'PDF', hint: 'the HTML report, printed' },
  { format: 'csv', label: 'CSV of the audit trail', hint: 'one row per event, with its hash' },
  { format: 'json', label: 'JSON bundle', hint: 'for a colleague to import and continue' },
];

const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;

export const createExchangeSlice: StateCreator<PeelState, [], [], ExchangeSlice> = (set, get) => {
  const openId = () => get().detail?.investigation.id;
  return {
    exchange: null,
    exchangeMarks: {},
    exporting: null,
    importing: false,
    importProblem: null,
    importedTrail: [],
    async loadExchange(investigationId) {
      set({ exchange: null, importedTrail: [] });
      await get().attempt(async () => {
        const status = await api().call('imports.status', { investigationId });
        if (openId() === investigationId) set({ exchange: status });
      });
    },
    async loadExchangeMarks() {
      await get().attempt(async () => {
        const marks = await api().call('imports.marks', {});
        set({ exchangeMarks: Object.fromEntries(marks.map((mark) => [mark.investigationId, mark])) });
      });
    },
    async exportInvestigation(format) {
      const investigationId = openId();
      if (!investigationId || get().exporting) return;
      set({ exporting: format });
      try {
        await get().attempt(async () => {
          const client = api();
          if (client.host === 'electron') {
            const saved = await client.call('exports.save', { investigationId, format });
            if (saved.saved && saved.head) {
              get().notify(
                'info',
                `Exported to ${saved.path} (chain head #${saved.head.count} ${shortHash(saved.head.hash)}).`,
              );
            }
          } else if (format === 'pdf') {
            // Browser mode: the backend prints it with headless Chromium into the data folder; the page downloads it.
            const saved = await client.call('exports.save', { investigationId, format });
            if (saved.saved && saved.path && saved.pdfBase64 && saved.head) {
              const name = downloadPdf(saved.path.split(/[\\/]/).pop() ?? 'report.pdf', saved.pdfBase64);
              get().notify(
                'info',
                `Saved ${saved.path} and downloaded ${name} (chain head #${saved.head.count} ${shortHash(saved.head.hash)}).`,
              );
            }
          } else if (client.downloadExport) {
            // Streamed by the host as it is read: its memory does not grow with the investigation.
            const file = await client.downloadExport(investigationId, format);
            download(file.fileName, file.blob);
            get().notify(
              'info',
              `Downloaded ${file.fileName} (chain head #${file.head.count} ${shortHash(file.head.hash)}).`,
            );
          } else {
            const rendered = await client.call('exports.render', { investigationId, format });
            const name = downloadExport(rendered);
            get().notify(
              'info',
              `Downloaded ${name} (chain head #${rendered.head.count} ${shortHash(rendered.head.hash)}).`,
            );
          }
        });
      } finally {
        set({ exporting: null });
      }
      // The export ticks "exported the trail" when nobody has set it.
      if (openId() === investigationId) await get().refreshDetail();
    },
    async importBundle(text, fileName) {
      set({ importing: true, importProblem: null });
      try {
        const info = await api().call('bundles.import', { text, ...(fileName ? { fileName } : {}) });
        await get().loadExchangeMarks();
        get().navigate({ name: 'investigation', id: info.investigationId });
        get().notify('info', `Imported “${info.title}” from ${info.exportedBy}: read-only, chain verified.`);
        return true;
      } catch (error) {
        set({
          importProblem: error instanceof ApiError || error instanceof Error ? error.message : String(error),
        });
        return false;
      } finally {
        set({ importing: false });
      }
    },
    clearImportProblem() {
      set({ importProblem: null });
    },
    async loadImportedTrail() {
      const investigationId = openId();
      if (!investigationId) return;
      await get().attempt(async () => {
        const events = await api().call('imports.trail', { investigationId, limit: 500 });
        if (openId() === investigationId) set({ importedTrail: events });
      });
    },
    async continueImported() {
      const investigationId = openId();
      if (!investigationId) return;
      const branch = await get().attempt(() => api().call('imports.continue', { investigationId }));
      if (!branch) return;
      await get().loadExchangeMarks();
      get().navigate({ name: 'investigation', id: branch.id });
      get().notify('info', `“${branch.title}” continues the imported investigation; it is yours to change.`);
    },
  };
};
