// A queued run's place in line in words: "queued, 3rd in line".

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

export function queuedWords(position: number): string {
  return `queued, ${ordinal(position)} in line`;
}
