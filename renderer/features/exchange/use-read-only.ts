// An imported investigation is a colleague's record: it is read, compared and exported, never changed (the backend
// refuses changes to it as well). Views hide what would edit it; "Continue in a new branch" is the way to go on.
import { usePeel } from '../../state/store';

export function useReadOnly(): boolean {
  return usePeel((s) => s.exchange?.imported != null);
}
