// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { holdEarlyKeys, replayEarlyKeys } from './early-keys';

const seen: string[] = [];
const listener = (event: KeyboardEvent) =>
  seen.push(`${event.ctrlKey ? 'Ctrl+' : ''}${event.key}@${(event.target as Element).tagName}`);
const press = (target: EventTarget, key: string, init: KeyboardEventInit = {}) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));

afterEach(() => {
  window.removeEventListener('keydown', listener);
  replayEarlyKeys();
  seen.length = 0;
  document.body.replaceChildren();
});

describe('keys pressed before the app listens', () => {
  it('are replayed in order, with their modifiers, once the shortcuts listen', () => {
    holdEarlyKeys();
    press(document.body, 'n');
    press(document.body, 'k', { ctrlKey: true });
    expect(seen).toEqual([]);
    window.addEventListener('keydown', listener);
    replayEarlyKeys();
    expect(seen).toEqual(['n@BODY', 'Ctrl+k@BODY']);
  });

  it('are replayed once, and nothing is held after', () => {
    holdEarlyKeys();
    press(document.body, 'l');
    window.addEventListener('keydown', listener);
    replayEarlyKeys();
    replayEarlyKeys();
    press(document.body, 's');
    expect(seen).toEqual(['l@BODY', 's@BODY']);
  });

  it('go to the page when the element they were pressed on is gone', () => {
    const button = document.createElement('button');
    document.body.append(button);
    holdEarlyKeys();
    press(button, 'n');
    button.remove();
    window.addEventListener('keydown', listener);
    replayEarlyKeys();
    expect(seen).toEqual(['n@BODY']);
  });
});
