/** Tables of the supply part of the chains module (its migration defines them). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SupplyTables {}
