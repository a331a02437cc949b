/** The bilingual / cross-border fields shared by needs and offers: checks and columns. */
import type { FieldError } from '../../errors.js';

/** The cross-border part of a need or offer body (see `CrossBorderFields`). */
export interface CrossBorderInput {
  titleEn?: string;
  descriptionEn?: string;
  crossBorder?: boolean;
  targetCountries?: string[];
}

/** The cross-border columns of a write. */
export interface CrossBorderWrite {
  titleEn: string | null;
  descriptionEn: string | null;
  isCrossBorder: boolean;
  targetCountries: string[];
}

/** Columns of the cross-border fields; a flagged listing without a target country adds an error naming `targetCountries`. */
export function crossBorderWrite(body: CrossBorderInput, errors: FieldError[]): CrossBorderWrite {
  const targetCountries = [...new Set(body.targetCountries ?? [])];
  const isCrossBorder = body.crossBorder ?? false;
  if (isCrossBorder && targetCountries.length === 0) errors.push({ path: 'targetCountries', message: '跨境对接须至少选择一个目标国家/地区' });
  return { titleEn: body.titleEn?.trim() || null, descriptionEn: body.descriptionEn?.trim() || null, isCrossBorder, targetCountries };
}

/** An update body's cross-border fields over the stored ones (absent = unchanged). */
export function mergeCrossBorder(body: CrossBorderInput, stored: CrossBorderWrite): CrossBorderInput {
  return {
    titleEn: body.titleEn ?? stored.titleEn ?? undefined, descriptionEn: body.descriptionEn ?? stored.descriptionEn ?? undefined,
    crossBorder: body.crossBorder ?? stored.isCrossBorder, targetCountries: body.targetCountries ?? stored.targetCountries,
  };
}
