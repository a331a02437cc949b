/** Routes of the matchmaking fairs (洽谈会) with the meeting scheduler: a fragment of <Route>s that `routes.tsx` mounts inside the app layout. */
export const fairsRoutes = <></>;
