import { Tooltip, Typography, makeStyles } from '@material-ui/core';
import { GUARDRAIL_LEVELS } from '@pavedroad/guardrails-core/model';
import type { GuardrailView } from '@pavedroad/guardrails-core/model';
import { GuardrailStatusLabel } from '../GuardrailStatusLabel';
import { levelLabel } from '../LevelBadge';

const useStyles = makeStyles((theme) => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'grid',
    gridTemplateColumns: '6.5rem 1fr auto',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  title: { cursor: 'help', borderBottom: `1px dotted ${theme.palette.text.secondary}` },
  reason: { gridColumn: '2 / 4', color: theme.palette.text.secondary },
  count: { whiteSpace: 'nowrap', color: theme.palette.text.secondary },
  levelHeading: { marginTop: theme.spacing(1.5), fontWeight: 600 },
}));

function countText(g: GuardrailView): string {
  if (g.status === 'not-applicable') return '';
  const n = g.openFindings;
  const findings = n === 1 ? '1 open finding' : `${n} open findings`;
  return g.worstSeverity && n > 0 ? `${findings} (worst: ${g.worstSeverity})` : findings;
}

function tooltipText(g: GuardrailView): string {
  return g.reason ? `${g.description} — ${g.reason}` : g.description;
}

/** Every guardrail of the paved road, grouped by level, with its status, open findings and why. */
export function GuardrailChecklist(props: { guardrails: readonly GuardrailView[] }) {
  const classes = useStyles();
  return (
    <div>
      {GUARDRAIL_LEVELS.map((level) => {
        const rows = props.guardrails.filter((g) => g.level === level);
        if (rows.length === 0) return null;
        const headingId = `guardrails-level-${level}`;
        return (
          <section key={level} aria-labelledby={headingId}>
            <Typography id={headingId} variant="overline" component="h3" className={classes.levelHeading}>
              {levelLabel(level)}
            </Typography>
            <ul className={classes.list}>
              {rows.map((g) => (
                <li key={g.id} className={classes.item} data-testid={`guardrail-${g.id}`}>
                  <GuardrailStatusLabel status={g.status} />
                  <Tooltip title={tooltipText(g)} arrow>
                    <span className={classes.title} tabIndex={0}>
                      {g.title}
                    </span>
                  </Tooltip>
                  <Typography variant="caption" className={classes.count}>
                    {countText(g)}
                  </Typography>
                  {g.reason && g.status !== 'pass' && g.status !== 'fail' && (
                    <Typography variant="caption" className={classes.reason}>
                      {g.reason}
                    </Typography>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
