// Greedy non-maximum suppression on a line, as the candidate scan (step-candidates.ts) picks peaks: take points
// strongest first (of two as strong, the earlier), each unless a point already taken lies within the radius.
// Ordering hundreds of points per width and series is what made the scan slow, and it is not needed: a point is
// taken exactly when none of the stronger points within the radius is taken, which its few neighbours settle.

const UNDECIDED = 0;
const TAKEN = 1;
const SUPPRESSED = 2;

/** Reused from call to call (typed arrays are costly to make, and the scan calls this twice per width). */
let states = new Uint8Array(0);
let waitingRoom = new Int32Array(0);

/**
 * Which of the first m points (positions ascending, strengths not NaN) greedy suppression takes: 1 for taken, 0
 * for not. The same answer as going through them strongest first, without ordering them. The answer is valid
 * until the next call.
 */
export function suppressNonMaxima(
  positions: Float64Array,
  strengths: Float64Array,
  m: number,
  radius: number,
): Uint8Array {
  if (states.length < m) {
    states = new Uint8Array(Math.max(m, 2 * states.length));
    waitingRoom = new Int32Array(states.length);
  }
  const state = states;
  state.fill(UNDECIDED, 0, m);
  // Points waiting for a stronger neighbour to be decided; each is stronger than the one below it, so no point is
  // on it twice.
  const waiting = waitingRoom;
  for (let start = 0; start < m; start++) {
    if (state[start] !== UNDECIDED) continue;
    let top = 0;
    waiting[top++] = start;
    while (top > 0) {
      const i = waiting[top - 1] as number;
      const next = strongerNeighbour(positions, strengths, m, radius, state, i);
      if (next === TAKEN_NEARBY) {
        state[i] = SUPPRESSED;
        top--;
      } else if (next >= 0) {
        waiting[top++] = next;
      } else {
        state[i] = TAKEN;
        top--;
      }
    }
  }
  for (let i = 0; i < m; i++) state[i] = state[i] === TAKEN ? 1 : 0;
  return state;
}

/** strongerNeighbour's answer when a stronger point within the radius is taken. */
const TAKEN_NEARBY = -2;

/**
 * For point i: TAKEN_NEARBY when a stronger point within the radius is taken, else an undecided stronger point
 * within the radius (to decide first), else -1 (every stronger point nearby is suppressed: i is taken).
 */
function strongerNeighbour(
  positions: Float64Array,
  strengths: Float64Array,
  m: number,
  radius: number,
  state: Uint8Array,
  i: number,
): number {
  const x = positions[i] as number;
  const s = strengths[i] as number;
  let undecided = -1;
  for (let j = i - 1; j >= 0 && x - (positions[j] as number) <= radius; j--) {
    // Earlier points win ties.
    if ((strengths[j] as number) < s) continue;
    if (state[j] === TAKEN) return TAKEN_NEARBY;
    if (state[j] === UNDECIDED) undecided = j;
  }
  for (let j = i + 1; j < m && (positions[j] as number) - x <= radius; j++) {
    if ((strengths[j] as number) <= s) continue;
    if (state[j] === TAKEN) return TAKEN_NEARBY;
    if (state[j] === UNDECIDED) undecided = j;
  }
  return undecided;
}
