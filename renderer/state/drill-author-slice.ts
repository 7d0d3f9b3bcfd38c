// The author screen's state: the draft, its preview and refusals. The backend checks and stores everything; the
// draft is sent whole each time, so what is previewed, saved and written is exactly what the form shows.
import type { StateCreator } from 'zustand';
import type { DrillDefinition } from '../../shared/training';
import { ApiError } from '../api/client';
import { deliverText } from '../api/deliver-text';
import { api } from './client-ref';
import type { DrillAuthorSlice } from './drill-author-types';
import type { PeelState } from './peel-state';

const copyOf = (drill: DrillDefinition): DrillDefinition => structuredClone(drill);

function problemOf(error: unknown): { message: string; field: string | null } {
  if (error instanceof ApiError) {
    const field = (error.details as { field?: unknown } | undefined)?.field;
    return { message: error.message, field: typeof field === 'string' ? field : null };
  }
  return { message: error instanceof Error ? error.message : String(error), field: null };
}

export const createDrillAuthorSlice: StateCreator<PeelState, [], [], DrillAuthorSlice> = (set, get) => {
  /** Runs a backend call for the screen: a refusal is shown beside the form (with its field), not as a toast. */
  const run = async <T>(busy: NonNullable<DrillAuthorSlice['authorBusy']>, work: () => Promise<T>) => {
    set({ authorBusy: busy, authorProblem: null });
    try {
      return await work();
    } catch (error) {
      set({ authorProblem: problemOf(error) });
      return undefined;
    } finally {
      set({ authorBusy: null });
    }
  };
  return {
    authorDraft: null,
    authorPreview: null,
    authorBusy: null,
    authorProblem: null,
    async newDrillDraft(baseDrillId) {
      // The catalogue (and the drill schemas it brings) is loaded when first wanted, not with the page's first
      // scripts: the home screen does not need it.
      const { DRILLS } = await import('../../shared/training');
      const base = DRILLS.find((drill) => drill.id === baseDrillId) ?? DRILLS[0]!;
      set({
        authorDraft: { ...copyOf(base), id: `${base.id}-ours`, title: `${base.title} (our version)` },
        authorPreview: null,
        authorProblem: null,
      });
      get().navigate({ name: 'drill-author' });
    },
    editDrillDraft(change) {
      const draft = get().authorDraft;
      if (draft) set({ authorDraft: change(copyOf(draft)), authorPreview: null });
    },
    async previewDrillDraft() {
      const drill = get().authorDraft;
      if (!drill) return;
      const preview = await run('preview', () =>
        api().call('drills.preview', { drill: drill as unknown as Record<string, unknown> }),
      );
      if (preview && get().authorDraft === drill) set({ authorPreview: preview });
    },
    async saveDrillDraft() {
      const drill = get().authorDraft;
      if (!drill) return false;
      const saved = await run('save', async () => {
        const stored = await api().call('drills.save', {
          drill: drill as unknown as Record<string, unknown>,
        });
        const client = api();
        if (client.host === 'electron') {
          const written = await client.call('drills.saveFile', { drillId: stored.listing.id });
          get().notify(
            'info',
            written.saved
              ? `Saved “${stored.listing.title}” to the drill list and to ${written.path}.`
              : `Saved “${stored.listing.title}” to the drill list (no file written).`,
          );
        } else {
          deliverText(stored.fileName, stored.text, 'application/json');
          get().notify(
            'info',
            `Saved “${stored.listing.title}” to the drill list; downloaded ${stored.fileName}.`,
          );
        }
        return stored;
      });
      if (saved) void get().loadDrills();
      return saved !== undefined;
    },
    async loadDrillDraftFile(fileName, text) {
      const read = await run('load', () => api().call('drills.readFile', { drillFile: text, fileName }));
      if (!read) return;
      set({ authorDraft: read.drill as unknown as DrillDefinition, authorPreview: null });
      if (read.pinned)
        get().notify(
          'info',
          `${fileName} pins one variant; saving it from this screen makes a drill drawn anew per start.`,
        );
    },
    async drillFromInvestigation(investigationId) {
      const saved = await run('from-investigation', () =>
        api().call('drills.fromInvestigation', { investigationId }),
      );
      if (!saved) {
        const problem = get().authorProblem;
        if (problem) get().notify('error', problem.message);
        return;
      }
      const read = await get().attempt(() =>
        api().call('drills.readFile', { drillFile: saved.text, fileName: saved.fileName }),
      );
      void get().loadDrills();
      get().notify('info', `Made the drill “${saved.listing.title}”; it is in the drill list.`);
      if (read) {
        set({
          authorDraft: read.drill as unknown as DrillDefinition,
          authorPreview: null,
          authorProblem: null,
        });
        get().navigate({ name: 'drill-author' });
      }
    },
  };
};
