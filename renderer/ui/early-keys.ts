// Keys pressed before the app is on screen. The page's first script loads the app only after sending its first
// calls, so for a moment there is a page but no shortcut handler: a quick "n" (or Ctrl+K) would reach no one. The
// first script holds those keys here, and the shortcuts hook replays them, in order, once it listens.

/** Enough for anyone typing ahead; more is not typing ahead. */
const MOST_HELD = 32;

interface HeldKey {
  target: EventTarget | null;
  init: KeyboardEventInit;
}

let held: HeldKey[] | null = null;
let holder: ((event: KeyboardEvent) => void) | null = null;
let heldOn: Window | null = null;

/** Starts holding keydowns (the page's first script calls this before it loads the app). */
export function holdEarlyKeys(target: Window = window): void {
  if (holder) return;
  held = [];
  holder = (event) => {
    if (held && held.length < MOST_HELD) {
      const { key, code, ctrlKey, metaKey, altKey, shiftKey, repeat } = event;
      held.push({ target: event.target, init: { key, code, ctrlKey, metaKey, altKey, shiftKey, repeat } });
    }
  };
  target.addEventListener('keydown', holder);
  heldOn = target;
}

/** Stops holding and dispatches the held keys again, to where they were pressed if it is still on the page. */
export function replayEarlyKeys(): void {
  if (!holder || !heldOn) return;
  heldOn.removeEventListener('keydown', holder);
  const keys = held ?? [];
  const page = heldOn;
  holder = null;
  held = null;
  heldOn = null;
  for (const { target, init } of keys) {
    const onPage = target instanceof Node && target.isConnected ? target : page.document.body;
    onPage.dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true }));
  }
}
