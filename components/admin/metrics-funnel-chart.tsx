import { percent } from "./metrics-format";

export type FunnelBar = { label: string; reached: number };

const ROW = 46; // label line, bar, gap
const BAR = 14;

/**
 * The funnel as horizontal bars, drawn on the server (no chart library, no JavaScript). Widths
 * are percentages of the SVG's own width, so the text keeps its size from 360 px up; colours
 * are the design tokens, so it follows the theme. Screen readers get the title and the
 * description (the same numbers as the table beside it); the drawing itself is an image.
 */
export function MetricsFunnelChart({ bars, title }: { bars: FunnelBar[]; title: string }) {
  const total = bars[0]?.reached ?? 0;
  const description = bars.map((b, i) => `${b.label}: ${b.reached}${i > 0 ? ` (${percent(b.reached, total)} of sign-ups)` : ""}`).join(". ");
  return (
    <svg
      role="img"
      aria-labelledby="metrics-funnel-title metrics-funnel-desc"
      width="100%"
      height={bars.length * ROW}
      className="block text-[13px]"
      focusable="false"
    >
      <title id="metrics-funnel-title">{title}</title>
      <desc id="metrics-funnel-desc">{description}.</desc>
      {bars.map((b, i) => {
        const y = i * ROW;
        const share = total > 0 ? b.reached / total : 0;
        return (
          <g key={b.label}>
            <text x="0" y={y + 14} className="fill-fg font-medium">
              {b.label}
            </text>
            <text x="100%" y={y + 14} textAnchor="end" className="fill-fg-muted tabular-nums">
              {i === 0 ? b.reached : `${b.reached} · ${percent(b.reached, total)}`}
            </text>
            <rect x="0" y={y + 22} width="100%" height={BAR} rx="3" className="fill-surface-muted stroke-border" />
            {b.reached > 0 ? <rect x="0" y={y + 22} width={`${Math.max(share * 100, 1)}%`} height={BAR} rx="3" className="fill-primary" /> : null}
          </g>
        );
      })}
    </svg>
  );
}
