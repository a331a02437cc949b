/**
 * Region outlines for the dashboard map: one GeoJSON FeatureCollection per parent region in
 * `data/geo/<code>.json` (100000 = 全国 → provinces; a province → its cities; a city → its
 * counties), each feature `properties: { code (GB/T 2260), name }`. Sources and licences in
 * `data/SOURCES.md`; `data/geo/build.mjs` rebuilds them. Served as static JSON; read per request
 * (the browser caches them), never loaded at boot.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGION_ROOT } from './regions.js';

export const GEO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/geo');
/** The file of the whole country (GB/T 2260 100000; the platform's region root is 000000). */
const COUNTRY_FILE = '100000';

const fileCode = (regionCode: string) => (regionCode === REGION_ROOT ? COUNTRY_FILE : regionCode);

let available: string[] | undefined;
/** Region codes that have a map of their subordinate regions (000000 for the country). */
export function geoRegions(): string[] {
  available ??= existsSync(GEO_DIR)
    ? readdirSync(GEO_DIR).filter((f) => /^\d{6}\.json$/.test(f)).map((f) => f.slice(0, 6)).map((c) => (c === COUNTRY_FILE ? REGION_ROOT : c)).sort()
    : [];
  return available;
}

/** The FeatureCollection text for a region's subordinate regions, or undefined when none is bundled. */
export async function readGeo(regionCode: string): Promise<string | undefined> {
  if (!geoRegions().includes(regionCode)) return undefined;
  return readFile(path.join(GEO_DIR, `${fileCode(regionCode)}.json`), 'utf8');
}
