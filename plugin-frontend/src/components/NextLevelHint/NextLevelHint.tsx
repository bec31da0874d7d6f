import { Typography } from '@material-ui/core';
import type { EntityScorecard } from '@pavedroad/guardrails-core/model';
import { guardrailTitle } from '../../guardrails';
import { levelLabel } from '../LevelBadge';

/** "Next level: Silver — blocked by …", or the top of the road. */
export function NextLevelHint(props: { next: EntityScorecard['next'] }) {
  if (!props.next) {
    return (
      <Typography variant="body2" component="p">
        Gold: every guardrail on the paved road passes.
      </Typography>
    );
  }
  const { level, blockers } = props.next;
  return (
    <Typography variant="body2" component="p">
      <strong>Next level: {levelLabel(level)}</strong> — blocked by {blockers.map(guardrailTitle).join(', ')}.
    </Typography>
  );
}
