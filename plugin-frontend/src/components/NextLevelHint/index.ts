export { NextLevelHint } from './NextLevelHint';
