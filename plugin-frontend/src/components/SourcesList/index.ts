export { SourcesList } from './SourcesList';
