import { Link } from '@backstage/core-components';
import { useRouteRef, useRouteRefParams } from '@backstage/core-plugin-api';
import { Box, Typography } from '@material-ui/core';
import { Route, Routes } from 'react-router-dom';
import { rootRouteRef, teamRouteRef } from '../../routes';
import { PavedRoadOverview } from '../PavedRoadOverview';
import { TeamRemediation } from '../TeamRemediation';

function TeamRoute() {
  const { namespace, name } = useRouteRefParams(teamRouteRef);
  const overview = useRouteRef(rootRouteRef);
  return (
    <>
      <Box mb={2}>
        <Typography variant="body2">
          <Link to={overview()}>← All services</Link>
        </Typography>
      </Box>
      <TeamRemediation teamRef={`group:${namespace}/${name}`} />
    </>
  );
}

/** The page's routes without app chrome: the overview, and `/teams/:namespace/:name` for one team. */
export function GuardrailsRoutes() {
  return (
    <Routes>
      <Route path="/" element={<PavedRoadOverview />} />
      <Route path="/teams/:namespace/:name" element={<TeamRoute />} />
    </Routes>
  );
}
