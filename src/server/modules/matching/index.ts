/** Supply–demand matching: needs, offers, the matching engine. Other modules call only this file. */
export { matchingRoutes } from './matching.routes.js';
export { MatchingIndex, createEngine } from './matching.index.js';
export { seedMatchingDemo } from './matching.demo.js';
export { crossBorderRoutes } from './crossborder.routes.js';
export { overseasRoutes } from './overseas.routes.js';
