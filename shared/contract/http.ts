// How the browser host carries the contract over HTTP: one POST per call, a server-sent event stream for pushes,
// and the per-start token in a header on every API request.
export const TOKEN_HEADER = 'x-peel-token';
export const CALL_PATH_PREFIX = '/api/call/';
export const EVENTS_PATH = '/api/events';
