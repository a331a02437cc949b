/** UI messages of the capital chain: payables ledger, complaints, vouchers, financing, credit (merged into the app dictionary by `i18n.ts`). Chinese first. */
export const capitalZh = {
} as const;

export const capitalEn: Record<keyof typeof capitalZh, string> = {
};
