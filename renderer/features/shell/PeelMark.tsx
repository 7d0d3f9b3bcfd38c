// Peel's mark: concentric layers of an onion, the outer ones peeled back to the core (the leak).
export function PeelMark({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" className="peel-mark">
      <circle
        cx="32"
        cy="32"
        r="29"
        fill="none"
        stroke="currentColor"
        strokeWidth="4"
        strokeDasharray="120 63"
        strokeLinecap="round"
        transform="rotate(-30 32 32)"
        opacity="0.45"
      />
      <circle
        cx="32"
        cy="32"
        r="20"
        fill="none"
        stroke="currentColor"
        strokeWidth="4"
        strokeDasharray="80 46"
        strokeLinecap="round"
        transform="rotate(60 32 32)"
        opacity="0.7"
      />
      <circle cx="32" cy="32" r="10" fill="var(--accent)" />
    </svg>
  );
}
