// A long export gives the event loop back between two pages, so other requests are answered while it runs.
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
