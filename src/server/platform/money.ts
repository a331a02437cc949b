/** Money is integer fen (分). 1 万元 = 10,000 元 = 1,000,000 fen. */
export const FEN_PER_WAN = 1_000_000n;

/** 万元 (as typed in statistical forms, may have decimals) → fen, rounded half away from zero. */
export function wanToFen(wan: number): bigint {
  if (!Number.isFinite(wan)) {
    throw new RangeError(`not a finite amount: ${wan}`);
  }
  // Work in fen with decimal-string arithmetic so that 0.1 万元 is exactly 100000 fen: toFixed(6)
  // gives exactly six decimals, so its digits without the point are the amount in fen.
  const fixed = Math.abs(wan).toFixed(6);
  const fen = fixed.includes('e') ? wideWanToFen(fixed) : BigInt(fixed.replace('.', ''));
  return wan < 0 ? -fen : fen;
}

/** {@link wanToFen} for amounts toFixed writes in exponent notation (≥ 1e21 万元), as it always did. */
function wideWanToFen(fixed: string): bigint {
  const [intPart, fracPart = ''] = fixed.split('.');
  return BigInt(intPart) * FEN_PER_WAN + BigInt(fracPart.padEnd(6, '0').slice(0, 6));
}

/** fen → 万元 as a number (for display and the size rules; exact up to 2^53 fen). */
export function fenToWan(fen: bigint): number {
  const whole = fen / FEN_PER_WAN;
  const rest = fen % FEN_PER_WAN;
  return Number(whole) + Number(rest) / 1_000_000;
}
