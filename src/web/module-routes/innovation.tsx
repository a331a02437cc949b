/** Routes of the innovation and talent: challenges, shared resources, achievements, experts: a fragment of <Route>s that `routes.tsx` mounts inside the app layout. */
export const innovationRoutes = <></>;
