import { Typography } from '@material-ui/core';
import type { BurndownPoint } from '@pavedroad/guardrails-core/model';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** One sentence with what the burn-down shows. */
export function burndownSummary(points: readonly BurndownPoint[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 'No burn-down yet.';
  return `Open findings went from ${first.open} on ${first.day} to ${last.open} on ${last.day}; ${last.overdue} overdue now.`;
}

/** Open and overdue findings per day. */
export function BurndownChart(props: { points: readonly BurndownPoint[]; height?: number }) {
  if (props.points.length === 0) {
    return <Typography variant="body2">No burn-down yet: daily snapshots start the day after the first scan.</Typography>;
  }
  return (
    <figure style={{ margin: 0 }} aria-label="Burn-down of open findings">
      <div aria-hidden>
        <ResponsiveContainer width="100%" height={props.height ?? 240}>
          <LineChart data={[...props.points]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={32} />
            <Tooltip />
            <Legend />
            <Line type="monotone" dataKey="open" name="Open" stroke="#bf360c" dot={false} />
            <Line type="monotone" dataKey="overdue" name="Overdue" stroke="#b71c1c" strokeDasharray="4 2" dot={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <Typography variant="caption" color="textSecondary">
          {burndownSummary(props.points)}
        </Typography>
      </figcaption>
    </figure>
  );
}
