/** Routes of the gradient evaluation, digital-transformation level, solution catalogue: a fragment of <Route>s that `routes.tsx` mounts inside the app layout. */
export const assessmentRoutes = <></>;
