import { Typography, useTheme } from '@material-ui/core';
import type { ScoreHistoryPoint } from '@pavedroad/guardrails-core/model';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** One sentence with what the chart shows, for screen readers and for a glance. */
export function historySummary(points: readonly ScoreHistoryPoint[]): string {
  const scored = points.flatMap((p) => (p.score === null ? [] : [{ day: p.day, score: p.score }]));
  const first = scored[0];
  const last = scored[scored.length - 1];
  if (!first || !last) return 'No scored days yet.';
  const trend = last.score > first.score ? 'up' : last.score < first.score ? 'down' : 'unchanged';
  const findings = points[points.length - 1]?.openFindings ?? 0;
  return `Score ${first.score} on ${first.day}, ${last.score} on ${last.day} (${trend}); ${findings} open findings now.`;
}

/** Daily score (left axis) with open and overdue findings (right axis). */
export function ScoreHistoryChart(props: { points: readonly ScoreHistoryPoint[]; height?: number }) {
  const theme = useTheme();
  const summary = historySummary(props.points);
  if (props.points.length === 0) {
    return <Typography variant="body2">No history yet: the first daily snapshot appears a day after the first scan.</Typography>;
  }
  return (
    <figure style={{ margin: 0 }} aria-label="Score history">
      <div aria-hidden>
        <ResponsiveContainer width="100%" height={props.height ?? 240}>
          <ComposedChart data={[...props.points]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" tick={{ fontSize: 12 }} />
            <YAxis yAxisId="score" domain={[0, 100]} tick={{ fontSize: 12 }} width={32} />
            <YAxis yAxisId="findings" orientation="right" allowDecimals={false} tick={{ fontSize: 12 }} width={32} />
            <Tooltip />
            <Legend />
            <Area
              yAxisId="score"
              type="monotone"
              dataKey="score"
              name="Score"
              stroke={theme.palette.primary.main}
              fill={theme.palette.primary.light}
              fillOpacity={0.25}
              connectNulls
            />
            <Line yAxisId="findings" type="stepAfter" dataKey="openFindings" name="Open findings" stroke="#bf360c" dot={false} />
            <Line
              yAxisId="findings"
              type="stepAfter"
              dataKey="overdueFindings"
              name="Overdue"
              stroke="#b71c1c"
              strokeDasharray="4 2"
              dot={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <Typography variant="caption" color="textSecondary">
          {summary}
        </Typography>
      </figcaption>
    </figure>
  );
}
