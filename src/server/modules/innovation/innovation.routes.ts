import type { App, AppContext } from '../../http/context.js';
import { achievementRoutes } from './achievements.routes.js';
import { collabRoutes } from './collab.routes.js';
import { challengeRoutes } from './challenges.routes.js';
import { panelRoutes } from './panels.routes.js';
import { resourceRoutes } from './resources.routes.js';
import { talentRoutes } from './talent.routes.js';

/** Routes of the innovation and talent: challenges, reviews, experts, shared resources and bookings. */
export function innovationRoutes(ctx: AppContext) {
  return async (app: App) => {
    await challengeRoutes(ctx)(app);
    await panelRoutes(ctx)(app);
    await resourceRoutes(ctx)(app);
    await achievementRoutes(ctx)(app);
    await talentRoutes(ctx)(app);
    await collabRoutes(ctx)(app);
  };
}
