/** Tables of the matchmaking fairs (洽谈会) with the meeting scheduler (migrations/20261129000006_create_fairs.sql). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FairsTables {}
