// Moves focus to this element when a command asks for the named target (e.g. the palette's "Add hypothesis").
import { type RefObject, useEffect } from 'react';
import { usePeel } from '../state/store';

export function useFocusRequest(target: string, ref: RefObject<HTMLElement | null>): void {
  const request = usePeel((state) => state.focusRequest);
  useEffect(() => {
    if (request?.target !== target || !ref.current) return;
    ref.current.scrollIntoView({ block: 'center', behavior: 'smooth' });
    ref.current.focus({ preventScroll: true });
  }, [request, target, ref]);
}
