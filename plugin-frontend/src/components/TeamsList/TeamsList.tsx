import { InfoCard, Link } from '@backstage/core-components';
import { Typography, makeStyles } from '@material-ui/core';

const useStyles = makeStyles((theme) => ({
  list: { margin: 0, paddingLeft: theme.spacing(2), columns: '14rem auto' },
}));

export interface TeamEntry {
  owner: string;
  label: string;
  services: number;
  overdue: number;
  link: string;
}

/** The teams that own scanned services, each a link to its remediation view. */
export function TeamsList(props: { teams: readonly TeamEntry[] }) {
  const classes = useStyles();
  return (
    <InfoCard title="Team remediation" variant="gridItem">
      {props.teams.length === 0 ? (
        <Typography variant="body2">No service is owned by a group yet.</Typography>
      ) : (
        <ul className={classes.list}>
          {props.teams.map((t) => (
            <li key={t.owner}>
              <Typography variant="body2">
                <Link to={t.link}>{t.label}</Link> · {t.services} {t.services === 1 ? 'service' : 'services'}
                {t.overdue > 0 ? ` · ${t.overdue} overdue` : ''}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </InfoCard>
  );
}
