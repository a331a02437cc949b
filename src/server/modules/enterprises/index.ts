/** Enterprise registry: profiles, size class, import/export. Other modules call only this file. */
export { enterprisesRoutes } from './enterprises.routes.js';
export { createEnterprise, findEnterpriseBrief, getEnterprise, listEnterprises, updateEnterprise } from './enterprises.service.js';
export { importEnterprises, importSheet, type ImportProgress } from './enterprises.import.js';
export type { Sheet } from './enterprises.sheet.js';
export { exportEnterprises } from './enterprises.export.js';
