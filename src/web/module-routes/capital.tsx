/** Routes of the capital chain: payables ledger, complaints, vouchers, financing, credit: a fragment of <Route>s that `routes.tsx` mounts inside the app layout. */
export const capitalRoutes = <></>;
