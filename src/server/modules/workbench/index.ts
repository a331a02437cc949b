/** Government workbench: tasks down the hierarchy, dispatch dashboards. Other modules call only this file. */
export { registerTaskMetric, type MetricWindow, type TaskMetric } from './tasks.metrics.js';
export { workbenchRoutes } from './workbench.routes.js';
export { buildDigests, startDigestTimer, type DigestRun } from './notifications.digests.js';
export { notify, type NotificationEvent, type Recipients } from './notifications.service.js';
