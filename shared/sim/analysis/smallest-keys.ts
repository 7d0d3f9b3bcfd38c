// Picks the indices of the smallest keys, of equal keys the earlier, as the front of a stable sort would, but by
// selection in place and without a comparator callback per comparison: the merge rounds of restart-detection.ts
// pick the weakest quarter of hundreds of cuts, round after round.

/** Ranges up to this long are sorted outright: insertion sort beats partitioning there. */
const SMALL = 16;

/**
 * Puts into order[0..count) the indices of the `count` smallest of keys[0..m) (no NaN), of equal keys the
 * earlier, in no particular order. `order` needs room for m indices.
 */
export function smallestKeys(keys: Float64Array, m: number, count: number, order: Int32Array): void {
  for (let i = 0; i < m; i++) order[i] = i;
  if (count <= 0 || count >= m) return;
  const k = count - 1;
  let left = 0;
  let right = m - 1;
  while (right - left > SMALL) {
    const [i, j] = partition(keys, order, left, right);
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
  insertionSort(keys, order, left, right);
}

/** Whether index a comes before index b: the smaller key first, the smaller index on equal keys. */
function precedes(keys: Float64Array, a: number, b: number): boolean {
  const ka = keys[a] as number;
  const kb = keys[b] as number;
  return ka < kb || (ka === kb && a < b);
}

/**
 * Hoare partition of order[left..right] around the median of three by `precedes`; returns [i, j] with
 * order[left..j] before the pivot, order[i..right] after it, and the pivot itself between them.
 */
function partition(keys: Float64Array, order: Int32Array, left: number, right: number): [number, number] {
  const a = order[left] as number;
  const b = order[(left + right) >>> 1] as number;
  const c = order[right] as number;
  const pivot = precedes(keys, a, b)
    ? precedes(keys, b, c)
      ? b
      : precedes(keys, a, c)
        ? c
        : a
    : precedes(keys, a, c)
      ? a
      : precedes(keys, b, c)
        ? c
        : b;
  let i = left;
  let j = right;
  while (i <= j) {
    while (precedes(keys, order[i] as number, pivot)) i++;
    while (precedes(keys, pivot, order[j] as number)) j--;
    if (i <= j) {
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
      i++;
      j--;
    }
  }
  return [i, j];
}

/** Sorts order[left..right] (inclusive) by `precedes`. */
function insertionSort(keys: Float64Array, order: Int32Array, left: number, right: number): void {
  for (let i = left + 1; i <= right; i++) {
    const v = order[i] as number;
    let j = i - 1;
    while (j >= left && precedes(keys, v, order[j] as number)) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = v;
  }
}
