/**
 * How a payment on a confirmed delivery is shared among the voucher's current parts (docs/adr/0019):
 * pro rata to each part's outstanding amount, in integer fen by the largest-remainder method (ties
 * to the lower id), so the shares sum exactly to the payment and no part gets more than it has left.
 */
export interface OutstandingPart {
  id: string;
  outstandingFen: bigint;
}

/** Shares of `paymentFen` among `parts` (those with a share only). @throws when the payment exceeds what the parts have outstanding. */
export function allocateProRata(paymentFen: bigint, parts: readonly OutstandingPart[]): { id: string; amountFen: bigint }[] {
  const total = parts.reduce((s, p) => s + p.outstandingFen, 0n);
  if (paymentFen <= 0n) return [];
  if (paymentFen > total) throw new Error(`payment ${paymentFen} exceeds the ${total} fen outstanding on the voucher`);
  const shares = parts.map((p) => ({ id: p.id, base: (paymentFen * p.outstandingFen) / total, rest: (paymentFen * p.outstandingFen) % total }));
  let left = paymentFen - shares.reduce((s, p) => s + p.base, 0n);
  const order = [...shares].sort((a, b) => (a.rest === b.rest ? Number(BigInt(a.id) - BigInt(b.id)) : a.rest > b.rest ? -1 : 1));
  for (const s of order) {
    if (left === 0n) break;
    s.base += 1n;
    left -= 1n;
  }
  return shares.filter((s) => s.base > 0n).map((s) => ({ id: s.id, amountFen: s.base }));
}
