/** Tables of the capital chain: payables ledger, complaints, vouchers, financing, credit (migrations/20261129000007_create_capital.sql). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CapitalTables {}
