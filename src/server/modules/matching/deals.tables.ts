/** Tables of the match lifecycle (invite → negotiate → deal/decline) and RFQs with sealed quotes (migrations/20261129000005_create_deals.sql). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DealsTables {}
