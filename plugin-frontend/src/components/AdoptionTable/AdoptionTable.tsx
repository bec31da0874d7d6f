import { Link, Table } from '@backstage/core-components';
import type { TableColumn } from '@backstage/core-components';
import { Box, LinearProgress, Typography, makeStyles } from '@material-ui/core';
import type { GuardrailAdoption } from '@pavedroad/guardrails-core/model';
import { LevelBadge } from '../LevelBadge';

const useStyles = makeStyles((theme) => ({
  secondary: { color: theme.palette.text.secondary },
  bar: { height: 8, borderRadius: 4, marginTop: theme.spacing(0.5) },
}));

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Each guardrail's adoption across scanned services, next to the industry figure it answers. */
export function AdoptionTable(props: { adoption: readonly GuardrailAdoption[] }) {
  const classes = useStyles();
  const columns: TableColumn<GuardrailAdoption>[] = [
    { title: 'Level', field: 'level', width: '7rem', render: (a) => <LevelBadge level={a.level} size="small" /> },
    { title: 'Guardrail', field: 'title' },
    {
      title: 'Services passing',
      field: 'share',
      render: (a) =>
        a.share === null ? (
          <Typography variant="body2" className={classes.secondary}>
            Not evaluated yet
          </Typography>
        ) : (
          <Box minWidth={160}>
            <Typography variant="body2">
              <strong>{percent(a.share)}</strong> ({a.passing} of {a.passing + a.failing + a.unknown})
            </Typography>
            <LinearProgress
              variant="determinate"
              value={Math.round(a.share * 100)}
              className={classes.bar}
              aria-label={`${a.title}: ${percent(a.share)} of services pass`}
            />
          </Box>
        ),
    },
    {
      title: 'Failing / unknown / n/a',
      field: 'failing',
      render: (a) => `${a.failing} / ${a.unknown} / ${a.notApplicable}`,
    },
    {
      title: 'Industry (Datadog 2025)',
      field: 'industry',
      render: (a) => {
        if (!a.industry) return '—';
        const { percent: figure, percentMeans, statement, url } = a.industry;
        return (
          <Box maxWidth={360}>
            {figure !== undefined && percentMeans ? (
              <Typography variant="body2">
                <strong>{figure}%</strong> of {percentMeans}
              </Typography>
            ) : null}
            <Typography variant="caption" component="div" className={classes.secondary}>
              {statement} <Link to={url}>Source</Link>
            </Typography>
          </Box>
        );
      },
    },
  ];
  return (
    <Table<GuardrailAdoption>
      title="Guardrail adoption"
      subtitle="Share of scanned services passing each guardrail, beside the industry figure"
      columns={columns}
      data={[...props.adoption]}
      options={{ paging: false, search: false, padding: 'dense', sorting: false, draggable: false }}
    />
  );
}
