/** Routes of the government workbench: tasks down the hierarchy, dashboards, key lists, projects: a fragment of <Route>s that `routes.tsx` mounts inside the app layout. */
export const workbenchRoutes = <></>;
