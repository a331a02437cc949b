/** The product mark: two joined hands as interlocking rings (携手). */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="brand-mark">
      <circle cx="12" cy="16" r="8.5" fill="none" stroke="#ffffff" strokeWidth="3" />
      <circle cx="20" cy="16" r="8.5" fill="none" stroke="#f5c542" strokeWidth="3" />
    </svg>
  );
}
