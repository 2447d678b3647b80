/**
 * Server-rendered SVG charts for the back office: pure geometry from numbers, so a chart
 * is plain markup (no script, nothing to load) and can be unit-tested. Each chart comes
 * with a data table for screen readers (see BarChart.astro).
 */
export interface Series {
  label: string;
  /** A CSS colour (the chart's legend shows it). */
  colour: string;
  values: readonly number[];
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  colour: string;
  value: number;
  series: string;
  category: string;
}

export interface BarChartGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; width: number; height: number };
  bars: Bar[];
  ticks: { y: number; value: number }[];
  labels: { x: number; text: string }[];
}

/** A nice round top for the axis: 1, 2, 2.5 or 5 × 10ⁿ at or above `max` (at least 1). */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** Grouped bars: one group per category, one bar per series, bottom-aligned on a shared axis. */
export function barChart(input: { categories: readonly string[]; series: readonly Series[]; width?: number; height?: number; labelEvery?: number }): BarChartGeometry {
  const width = input.width ?? 640;
  const height = input.height ?? 220;
  const plot = { left: 48, top: 12, width: width - 48 - 8, height: height - 12 - 28 };
  const max = niceCeiling(Math.max(0, ...input.series.flatMap((s) => s.values)));
  const groupWidth = input.categories.length ? plot.width / input.categories.length : plot.width;
  const gap = Math.min(8, groupWidth * 0.2);
  const barWidth = Math.max(1, (groupWidth - gap) / Math.max(1, input.series.length));
  const bars: Bar[] = [];
  input.categories.forEach((category, c) => {
    input.series.forEach((s, i) => {
      const value = s.values[c] ?? 0;
      const barHeight = (Math.max(0, value) / max) * plot.height;
      bars.push({
        x: round(plot.left + c * groupWidth + gap / 2 + i * barWidth),
        y: round(plot.top + plot.height - barHeight),
        width: round(barWidth - 1),
        height: round(barHeight),
        colour: s.colour,
        value,
        series: s.label,
        category,
      });
    });
  });
  const ticks = [0, 0.5, 1].map((f) => ({ y: round(plot.top + plot.height - f * plot.height), value: max * f }));
  const every = input.labelEvery ?? 1;
  const labels = input.categories.flatMap((text, c) => (c % every === 0 ? [{ x: round(plot.left + c * groupWidth + groupWidth / 2), text }] : []));
  return { width, height, plot, bars, ticks, labels };
}

const round = (n: number) => Math.round(n * 10) / 10;
