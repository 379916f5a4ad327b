/**
 * The reports' charts, drawn as SVG with visx (scales and shapes only, no
 * chart framework): pictures that a screen reader announces through their
 * title and description, and that read without colour — every bar and point
 * carries its value as text, and "bad" bars are hatched, not only red.
 * Each chart sits next to a table with the same figures.
 */
import { useId } from 'react';
import { Group } from '@visx/group';
import { PatternLines } from '@visx/pattern';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, LinePath } from '@visx/shape';

/** One bar. */
export interface BarDatum {
  label: string;
  value: number;
  /** The value as text, drawn beside the bar (e.g. "12", "45%"). */
  valueLabel: string;
  /** Drawn hatched (e.g. high effort), with the legend saying what that means. */
  hatched?: boolean;
}

/** One point of a trend; null where there is no data (the line breaks there). */
export interface PointDatum {
  label: string;
  value: number | null;
  valueLabel: string;
}

const WIDTH = 560;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 100;
const ROW = 30;

/** An id usable in `url(#…)` (React's ids contain characters CSS does not take there). */
function useSvgId(): string {
  return `c${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
}

/** The text alternative of a chart: every label with its value. */
export function describeData(data: readonly { label: string; valueLabel: string }[]): string {
  return data.map((d) => `${d.label}: ${d.valueLabel}`).join('; ');
}

/**
 * Horizontal bars with their labels on the left and values at their ends.
 * `max` fixes the scale (e.g. 1 for shares); default the largest value.
 */
export function BarChart({ title, description, data, max, legend }: { title: string; description: string; data: BarDatum[]; max?: number; legend?: string }) {
  const id = useSvgId();
  const height = data.length * ROW + 8;
  const top = Math.max(max ?? 0, ...data.map((d) => d.value), 1e-9);
  const x = scaleLinear<number>({ domain: [0, top], range: [0, WIDTH - LABEL_WIDTH - VALUE_WIDTH] });
  const y = scaleBand<string>({ domain: data.map((_, i) => `${i}`), range: [4, height - 4], padding: 0.25 });
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {/* biome-ignore lint/a11y/noSvgWithoutTitle: named by aria-labelledby (figcaption and desc), which the rule does not follow. */}
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <desc id={`${id}-desc`}>{`${description} ${describeData(data)}`}</desc>
        <defs>
          <PatternLines id={`${id}-hatch`} width={8} height={8} stroke="#fff" strokeWidth={2} orientation={['diagonal']} background="#8f1d1d" />
        </defs>
        {data.map((d, i) => {
          const top = y(`${i}`) ?? 0;
          const width = Math.max(d.value > 0 ? 2 : 0, x(d.value));
          return (
            <Group key={`${i}-${d.label}`} top={top}>
              <text className="chart-label" x={LABEL_WIDTH - 8} y={y.bandwidth() / 2} dominantBaseline="middle" textAnchor="end">
                {d.label}
              </text>
              <Bar
                className={d.hatched ? 'chart-bar hatched' : 'chart-bar'}
                x={LABEL_WIDTH}
                y={0}
                width={width}
                height={y.bandwidth()}
                fill={d.hatched ? `url(#${id}-hatch)` : undefined}
              />
              <text className="chart-value" x={LABEL_WIDTH + width + 6} y={y.bandwidth() / 2} dominantBaseline="middle">
                {d.valueLabel}
              </text>
            </Group>
          );
        })}
        <line className="chart-axis" x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={0} y2={height} />
      </svg>
      {legend && (
        <p className="chart-legend">
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <rect width="16" height="16" fill={`url(#${id}-hatch)`} />
          </svg>{' '}
          {legend}
        </p>
      )}
    </figure>
  );
}

/**
 * A trend over time on a fixed scale (`domain`, e.g. 1–5 for effort), with a
 * marker and its value at each point; the line breaks where there is no data.
 */
export function LineChart({ title, description, data, domain }: { title: string; description: string; data: PointDatum[]; domain: [number, number] }) {
  const id = useSvgId();
  const height = 220;
  const margin = { top: 24, right: 16, bottom: 36, left: 36 };
  const x = scaleBand<string>({ domain: data.map((_, i) => `${i}`), range: [margin.left, WIDTH - margin.right], padding: 0.2 });
  const y = scaleLinear<number>({ domain, range: [height - margin.bottom, margin.top] });
  const ticks = Array.from({ length: domain[1] - domain[0] + 1 }, (_, i) => domain[0] + i);
  // Label every week when there is room, else every n-th, so dates never overlap.
  const every = Math.max(1, Math.ceil(data.length / 8));
  const cx = (i: number) => (x(`${i}`) ?? 0) + x.bandwidth() / 2;
  const points = data.map((d, i) => ({ ...d, i }));
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {/* biome-ignore lint/a11y/noSvgWithoutTitle: named by aria-labelledby (figcaption and desc), which the rule does not follow. */}
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <desc id={`${id}-desc`}>{`${description} ${describeData(data)}`}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="chart-grid" x1={margin.left} x2={WIDTH - margin.right} y1={y(tick)} y2={y(tick)} />
            <text className="chart-label" x={margin.left - 8} y={y(tick)} dominantBaseline="middle" textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        <LinePath<(typeof points)[number]>
          className="chart-line"
          data={points}
          x={(d) => cx(d.i)}
          y={(d) => y(d.value ?? domain[0])}
          defined={(d) => d.value !== null}
        />
        {points.map((d) =>
          d.value === null ? null : (
            <g key={d.i}>
              <rect className="chart-point" x={cx(d.i) - 4} y={y(d.value) - 4} width={8} height={8} />
              <text className="chart-value" x={cx(d.i)} y={y(d.value) - 10} textAnchor="middle">
                {d.valueLabel}
              </text>
            </g>
          ),
        )}
        {points.map((d) =>
          d.i % every === 0 ? (
            <text key={d.i} className="chart-label" x={cx(d.i)} y={height - margin.bottom + 18} textAnchor="middle">
              {d.label}
            </text>
          ) : null,
        )}
      </svg>
    </figure>
  );
}
