import { Link, Table } from '@backstage/core-components';
import type { TableColumn } from '@backstage/core-components';
import { Box, Typography, makeStyles } from '@material-ui/core';
import { GUARDRAILS } from '@pavedroad/guardrails-core/model';
import type { EvidenceRef, GuardrailView } from '@pavedroad/guardrails-core/model';
import { formatDate } from '../../format';
import { GuardrailStatusLabel, statusLabel } from '../GuardrailStatusLabel';
import { LevelBadge } from '../LevelBadge';

const useStyles = makeStyles((theme) => ({
  secondary: { color: theme.palette.text.secondary },
  evidence: { margin: 0, paddingLeft: theme.spacing(2) },
}));

const FIGURES = new Map(GUARDRAILS.map((g) => [g.id, g.figure]));

function evidenceText(e: EvidenceRef): string {
  const where = e.source === 'aws' ? `AWS ${e.sourceKey}` : `${e.sourceKey}${e.commit ? ` @ ${e.commit.slice(0, 7)}` : ''}`;
  const findings = e.findings === 1 ? '1 finding' : `${e.findings} findings`;
  return `${where}: ${statusLabel(e.status)}, ${findings}, ${formatDate(e.scannedAt)}${e.reason ? ` (${e.reason})` : ''}`;
}

/** Every guardrail with its status, why, the evidence each source gave, the paved-road fix and the industry figure. */
export function GuardrailBreakdown(props: { guardrails: readonly GuardrailView[] }) {
  const classes = useStyles();
  const columns: TableColumn<GuardrailView>[] = [
    { title: 'Level', field: 'level', width: '7rem', render: (g) => <LevelBadge level={g.level} size="small" /> },
    {
      title: 'Guardrail',
      field: 'title',
      render: (g) => {
        const figure = FIGURES.get(g.id);
        return (
          <Box minWidth={220}>
            <Typography variant="body2" component="div">
              <strong>{g.title}</strong>
            </Typography>
            <Typography variant="caption" component="div" className={classes.secondary}>
              {g.description}
            </Typography>
            {figure && (
              <Typography variant="caption" component="div" className={classes.secondary}>
                Industry: {figure.statement} (<Link to={figure.url}>{figure.source}</Link>)
              </Typography>
            )}
          </Box>
        );
      },
    },
    {
      title: 'Status',
      field: 'status',
      render: (g) => (
        <>
          <GuardrailStatusLabel status={g.status} />
          {g.reason && (
            <Typography variant="caption" component="div" className={classes.secondary}>
              {g.reason}
            </Typography>
          )}
        </>
      ),
    },
    { title: 'Open findings', field: 'openFindings', type: 'numeric' },
    {
      title: 'Evidence',
      field: 'evidence',
      render: (g) =>
        g.evidence.length === 0 ? (
          <Typography variant="caption" className={classes.secondary}>
            No source has evaluated it
          </Typography>
        ) : (
          <ul className={classes.evidence}>
            {g.evidence.map((e) => (
              <li key={`${e.sourceKey}-${e.reportId}`}>
                <Typography variant="caption">{evidenceText(e)}</Typography>
              </li>
            ))}
          </ul>
        ),
    },
    {
      title: 'Paved-road fix',
      field: 'pavedRoad',
      render: (g) => <Typography variant="caption">{g.pavedRoad}</Typography>,
    },
  ];
  return (
    <Table<GuardrailView>
      title="Guardrails"
      columns={columns}
      data={[...props.guardrails]}
      options={{ paging: false, search: false, padding: 'dense', sorting: false, draggable: false }}
    />
  );
}
