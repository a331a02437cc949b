import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findIndustry } from '../../platform/industries.js';
import { DEMO_ANCHORS } from '../../demo/generator.js';
import { TEMPLATES_DIR, chainTemplates, checkTemplate, templateVocabulary } from './chains.templates.js';

describe('data/chains templates', () => {
  const files = fs.readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.json'));

  it('ships at least six strategic chains, among them the ones the demo uses', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect([...chainTemplates().keys()]).toEqual(expect.arrayContaining(['ev-battery', 'integrated-circuit', 'photovoltaic', 'industrial-robot', 'biomedicine', 'machine-tool']));
  });

  it.each(files)('%s: ≥ 8 segments, a DAG of known keys, 4–10 products, existing level-4 industry codes', (file) => {
    const raw = JSON.parse(fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8'));
    const { template, problems } = checkTemplate(raw, file.replace(/\.json$/, ''));
    expect(problems).toEqual([]);
    expect(template!.segments.length).toBeGreaterThanOrEqual(8);
    for (const segment of template!.segments) {
      for (const code of segment.industryCodes) expect(findIndustry(code)?.level).toBe(4);
    }
    // Every stage is present, and something flows: at least one segment has upstream links.
    expect(new Set(template!.segments.map((s) => s.stage))).toEqual(new Set(['upstream', 'midstream', 'downstream']));
    expect(template!.segments.some((s) => s.upstream.length > 0)).toBe(true);
  });

  it('finds broken templates: a cycle, an unknown code, a wrong key, too few segments', () => {
    const segment = (key: string, upstream: string[], industryCodes = ['C3841']) => ({ key, name: key, nameEn: key, stage: 'upstream', upstream, products: ['甲', '乙', '丙', '丁'], industryCodes });
    const broken = { key: 'x', name: 'x', nameEn: 'x', description: '', segments: [segment('a', ['b']), segment('b', ['a'], ['C9999'])] };
    const { problems } = checkTemplate(broken, 'y');
    expect(problems.join('\n')).toMatch(/differs from the file name/);
    expect(problems.join('\n')).toMatch(/only 2 segments/);
    expect(problems.join('\n')).toMatch(/循环/);
    expect(problems.join('\n')).toMatch(/C9999/);
  });

  it('shares product vocabulary with the demo anchors, so that suggestions find demo firms', () => {
    const vocabulary = new Set(templateVocabulary());
    const anchorProducts = DEMO_ANCHORS.flatMap((a) => a.products);
    const shared = anchorProducts.filter((p) => vocabulary.has(p));
    expect(shared.length).toBeGreaterThanOrEqual(anchorProducts.length / 2);
  });
});
