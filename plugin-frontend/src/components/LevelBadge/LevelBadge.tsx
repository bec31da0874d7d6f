import { Chip, makeStyles } from '@material-ui/core';
import type { PavedRoadLevel } from '@pavedroad/guardrails-core/model';

// Metal colours dark enough for white text (WCAG AA, >= 4.5:1); the level is always written out too.
const STYLES: Record<PavedRoadLevel, { label: string; background: string }> = {
  gold: { label: 'Gold', background: '#8a6a00' },
  silver: { label: 'Silver', background: '#5f6b73' },
  bronze: { label: 'Bronze', background: '#8b4a1c' },
  none: { label: 'No level', background: '#616161' },
};

const useStyles = makeStyles({
  chip: { color: '#fff', fontWeight: 600 },
  small: { height: 22, fontSize: '0.75rem' },
});

export function levelLabel(level: PavedRoadLevel): string {
  return STYLES[level].label;
}

/** The paved-road level as a coloured chip that also says the level in words. */
export function LevelBadge(props: { level: PavedRoadLevel; size?: 'small' | 'medium' }) {
  const classes = useStyles();
  const { label, background } = STYLES[props.level];
  return (
    <Chip
      label={label}
      size={props.size ?? 'medium'}
      className={props.size === 'small' ? `${classes.chip} ${classes.small}` : classes.chip}
      style={{ backgroundColor: background }}
      aria-label={`Paved-road level: ${label}`}
      title={`Paved-road level: ${label}`}
    />
  );
}
