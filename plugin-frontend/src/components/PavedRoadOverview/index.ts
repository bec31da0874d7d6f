export { PavedRoadOverview } from './PavedRoadOverview';
