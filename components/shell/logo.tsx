/** The portal's wordmark; decorative mark plus a readable name. */
export function Logo() {
  return (
    <span className="inline-flex items-center gap-2 text-base font-semibold tracking-tight text-fg">
      <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" className="text-primary">
        <rect x="2" y="2" width="20" height="20" rx="6" fill="currentColor" />
        <path d="M8 12.5l2.5 2.5L16 9.5" stroke="white" strokeWidth="2" fill="none" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      Partner Portal
    </span>
  );
}
