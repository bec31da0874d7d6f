import { makeStyles } from '@material-ui/core';
import type { Grade } from '@pavedroad/guardrails-core/model';

// Dark enough for white text (WCAG AA); the letter itself carries the meaning.
const BACKGROUND: Record<Grade, string> = {
  A: '#1b5e20',
  B: '#33691e',
  C: '#8a5a00',
  D: '#b33c00',
  F: '#b71c1c',
};

const useStyles = makeStyles({
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    borderRadius: 6,
    color: '#fff',
    fontWeight: 700,
    lineHeight: 1,
  },
  medium: { width: 40, height: 40, fontSize: '1.5rem' },
  small: { width: 24, height: 24, fontSize: '0.875rem' },
  none: { backgroundColor: '#616161' },
});

/** The grade letter on its colour; a dash with "Not graded" when nothing was scored. */
export function GradeBadge(props: { grade: Grade | null; size?: 'small' | 'medium' }) {
  const classes = useStyles();
  const sizeClass = props.size === 'small' ? classes.small : classes.medium;
  if (props.grade === null) {
    return (
      <span role="img" aria-label="Not graded" title="Not graded" className={`${classes.badge} ${sizeClass} ${classes.none}`}>
        –
      </span>
    );
  }
  return (
    <span
      role="img"
      aria-label={`Grade ${props.grade}`}
      title={`Grade ${props.grade}`}
      className={`${classes.badge} ${sizeClass}`}
      style={{ backgroundColor: BACKGROUND[props.grade] }}
    >
      {props.grade}
    </span>
  );
}
