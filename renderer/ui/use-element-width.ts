// The rendered width of an element, kept current with a ResizeObserver, so SVG can be laid out in real pixels
// (text at its true size) instead of being scaled. `fallback` until the first measurement, and where there is no
// ResizeObserver (tests).
import { type RefObject, useLayoutEffect, useState } from 'react';

export function useElementWidth(ref: RefObject<Element | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const update = () => {
      const measured = Math.floor(element.getBoundingClientRect().width);
      if (measured > 0) setWidth(measured);
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
