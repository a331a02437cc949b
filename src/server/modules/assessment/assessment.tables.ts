/** Tables of the gradient evaluation, digital-transformation level, solution catalogue (migrations/20261129000008_create_assessment.sql). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AssessmentTables {}
