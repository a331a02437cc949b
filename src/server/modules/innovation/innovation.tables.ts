/** Tables of the innovation and talent: challenges, shared resources, achievements, experts (migrations/20261129000010_create_innovation.sql). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InnovationTables {}
