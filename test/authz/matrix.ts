export const MATRIX: Record<string, string> = {};
export const VISIBLE_BY_DESIGN: Record<string, string> = {
  'GET /api/v1/enterprises/{uscc}/supply-summary': 'Counts of suppliers and customers of any registered enterprise, for any signed-in user (documented in the route; counts never say who)',
};
