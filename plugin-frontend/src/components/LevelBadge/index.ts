export { LevelBadge, levelLabel } from './LevelBadge';
