/** Accounts: users, organisations, sessions, roles and region scopes. */
export { accountsRoutes } from './accounts.routes.js';
export { actorOf, createUser, ensureAdmin, findSessionUser, hashPassword, listUsers, login, logout, LoginLimiter, purgeExpiredSessions } from './accounts.service.js';
export { presentUser } from './accounts.present.js';
