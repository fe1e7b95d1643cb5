import { create } from 'zustand';
import type { AppError } from '../../../../shared/errors';
import { PROVISIONING_IMPORT_MAX_CHARS, type ProvisioningImportOutcome } from '../../../../shared/first-run';
import { antring } from '../../api';

export type ImportStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'done'; readonly fileName: string; readonly outcome: ProvisioningImportOutcome }
  /** The file never reached the host (unreadable, too big), or the host refused it (IT's file wins). */
  | { readonly kind: 'failed'; readonly reason: 'too-big' | 'unreadable' }
  | { readonly kind: 'refused'; readonly error: AppError };

export interface FirstRunState {
  readonly importStatus: ImportStatus;
  /** Reads the file the agent picked and hands its text to the host, which checks and stores it. */
  importFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<void>;
  /** The agent read the outcome and goes on into the app. */
  dismissImport(): void;
}

export const useFirstRunStore = create<FirstRunState>()((set) => ({
  importStatus: { kind: 'idle' },

  async importFile(file) {
    // Sizes in bytes bound the characters too: a file this big is no provisioning file.
    if (file.size > PROVISIONING_IMPORT_MAX_CHARS) {
      set({ importStatus: { kind: 'failed', reason: 'too-big' } });
      return;
    }
    set({ importStatus: { kind: 'checking' } });
    let text: string;
    try {
      text = await file.text();
    } catch {
      set({ importStatus: { kind: 'failed', reason: 'unreadable' } });
      return;
    }
    const result = await antring().importProvisioning({ text, fileName: file.name });
    set({
      importStatus: result.ok
        ? { kind: 'done', fileName: file.name, outcome: result.value }
        : { kind: 'refused', error: result.error },
    });
  },

  dismissImport() {
    set({ importStatus: { kind: 'idle' } });
  },
}));

/** Just imported: the first-run screen stays to say what the file set, until the agent goes on. */
export const selectJustImported = (state: FirstRunState): boolean =>
  state.importStatus.kind === 'done' && state.importStatus.outcome.kind === 'imported';
