/**
 * Chain templates: reference data in `data/chains/<key>.json` (sources in `data/SOURCES.md`),
 * read and checked once, at first use. A template is what a government user instantiates for
 * its region and then edits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChainTemplate } from '../../../contracts/chains.js';
import { findIndustry } from '../../platform/industries.js';
import { checkSegments } from './chains.segments.js';

/** Where the template files live. */
export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/chains');

/** Fewest segments a shipped template may have. */
export const TEMPLATE_MIN_SEGMENTS = 8;

/**
 * Problems of one template: shape, key equal to the file name, at least
 * {@link TEMPLATE_MIN_SEGMENTS} segments, a DAG of known keys, 4–10 products per segment and
 * level-4 GB/T 4754-2017 codes that exist.
 */
export function checkTemplate(raw: unknown, fileKey: string): { template?: ChainTemplate; problems: string[] } {
  const parsed = ChainTemplate.safeParse(raw);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  const template = parsed.data;
  const problems: string[] = [];
  if (template.key !== fileKey) {
    problems.push(`key ${template.key} differs from the file name ${fileKey}`);
  }
  if (template.segments.length < TEMPLATE_MIN_SEGMENTS) {
    problems.push(`only ${template.segments.length} segments`);
  }
  problems.push(...checkSegments(template.segments).map((e) => `${e.path}: ${e.message}`));
  template.segments.forEach((segment, i) => {
    if (segment.products.length < 4 || segment.products.length > 10) {
      problems.push(`segments[${i}].products: ${segment.products.length} products (4–10 expected)`);
    }
    if (segment.industryCodes.length === 0) {
      problems.push(`segments[${i}].industryCodes: empty`);
    }
    for (const code of segment.industryCodes) {
      if (findIndustry(code)?.level !== 4) {
        problems.push(`segments[${i}].industryCodes: ${code} is not a GB/T 4754-2017 class`);
      }
    }
  });
  return { template, problems };
}

let cache: Map<string, ChainTemplate> | undefined;

/**
 * All templates by key, in file-name order.
 * @throws Error naming the file and its problems when a shipped template is broken (a build
 * defect, caught by `chains.templates.test.ts`).
 */
export function chainTemplates(): ReadonlyMap<string, ChainTemplate> {
  if (cache) {
    return cache;
  }
  const loaded = new Map<string, ChainTemplate>();
  for (const file of fs.readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const key = file.replace(/\.json$/, '');
    const { template, problems } = checkTemplate(JSON.parse(fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8')), key);
    if (!template || problems.length > 0) {
      throw new Error(`data/chains/${file}: ${problems.join('; ')}`);
    }
    loaded.set(key, template);
  }
  cache = loaded;
  return cache;
}

/** One template, or undefined. */
export function findTemplate(key: string): ChainTemplate | undefined {
  return chainTemplates().get(key);
}

/** Every product term of every template: the user dictionary of the tokenizer. */
export function templateVocabulary(): string[] {
  const terms = new Set<string>();
  for (const template of chainTemplates().values()) {
    for (const segment of template.segments) {
      for (const product of segment.products) terms.add(product);
    }
  }
  return [...terms];
}
