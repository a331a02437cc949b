import { describe, expect, it } from 'vitest';
import { createEngine } from '../matching.index.js';
import { BM25F, TextIndex } from './bm25f.js';
import type { EnterpriseFacts } from './engine.js';
import { chainPosition, industryProximity, qualificationFit, regionProximity, smeFirst } from './features.js';
import { ProductKb } from './kb.js';
import { Tokenizer } from './tokens.js';

function enterprise(overrides: Partial<EnterpriseFacts> & { uscc: string }): EnterpriseFacts {
  return {
    name: `${overrides.uscc}有限公司`, regionCode: '320506', industryCode: 'C3484', size: 'small', tags: [], certifications: [], products: [],
    capabilities: '', memberSegments: [], ...overrides,
  };
}

describe(Tokenizer.name, () => {
  const tokenizer = new Tokenizer(['磷酸铁锂电芯', '光刻胶材料']);

  it('keeps domain terms whole and also yields their parts', () => {
    const tokens = tokenizer.tokens('采购磷酸铁锂电芯和光刻胶材料');
    expect(tokens).toContain('磷酸铁锂电芯');
    expect(tokens).toContain('光刻胶材料');
    expect(tokens).toContain('光刻胶');
  });

  it('turns runs of unknown single characters into bigrams', () => {
    const tokens = tokenizer.tokens('钒钛镁');
    expect(tokens.some((t) => t.length === 2 && '钒钛镁'.includes(t))).toBe(true);
  });

  it('drops numbers and one-character words, lower-cases Latin', () => {
    const tokens = tokenizer.tokens('IATF 16949 认证 的');
    expect(tokens).toContain('iatf');
    expect(tokens).not.toContain('16949');
    expect(tokens).not.toContain('的');
  });
});

describe(ProductKb.name, () => {
  const kb = new ProductKb([{ term: '光刻胶材料', synonyms: ['光刻胶'], broader: ['电子化学品'], related: ['酚醛树脂'] }], [['电解液', '六氟磷酸锂']]);

  it('makes relations symmetric and ranks synonyms above broader terms', () => {
    expect(kb.expand('光刻胶')[0]).toMatchObject({ term: '光刻胶材料', relation: 'synonym' });
    expect(kb.expand('电子化学品').map((e) => e.relation)).toContain('narrower');
    expect(kb.expand('酚醛树脂').map((e) => e.term)).toContain('光刻胶材料');
    expect(kb.expand('六氟磷酸锂')).toEqual([{ term: '电解液', relation: 'sibling', factor: 0.3 }]);
  });
});

describe(TextIndex.name, () => {
  it('ranks a product match above a description mention and skips removed documents', () => {
    const index = new TextIndex();
    const inProducts = index.add({ title: ['结构件'], products: ['隔膜'], description: ['生产'] });
    const inDescription = index.add({ title: ['公司'], products: ['铜箔'], description: ['隔膜', '配套', '生产', '加工', '设备'] });
    index.add({ title: ['其他'], products: ['电机'], description: ['电机'] });
    const hits = index.search([{ term: '隔膜', weight: 1 }], 10);
    expect(hits.map((h) => h.doc)).toEqual([inProducts, inDescription]);
    expect(index.scoreDoc([{ term: '隔膜', weight: 1 }], inProducts).score).toBeCloseTo(hits[0].score, 6);
    index.remove(inProducts);
    expect(index.search([{ term: '隔膜', weight: 1 }], 10).map((h) => h.doc)).toEqual([inDescription]);
  });
});

describe(`${TextIndex.name} pruning`, () => {
  it('returns the same top documents as scoring every document', () => {
    let seed = 7;
    const draw = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    // Zipf-like: low word numbers are common, so some terms have long posting lists.
    const word = () => words[Math.floor(words.length * draw() ** 2.5)];
    const index = new TextIndex();
    for (let d = 0; d < 3000; d++) {
      index.add({ title: [word(), word()], products: [word()], description: Array.from({ length: 8 }, word) });
    }
    for (let round = 0; round < 20; round++) {
      const query = Array.from({ length: 10 }, () => ({ term: word(), weight: 1 + Math.floor(draw() * 3) }));
      const pruned = index.search(query, 15).map((h) => h.score);
      const exhaustive = Array.from({ length: 3000 }, (_, d) => index.scoreDoc(query, d).score).sort((a, b) => b - a).slice(0, 15);
      expect(pruned.map((x) => x.toFixed(9))).toEqual(exhaustive.map((x) => x.toFixed(9)));
    }
  });
});

describe(`${TextIndex.name} against a naive BM25F`, () => {
  it('gives the same scores and matched terms as a direct computation from the token lists', () => {
    let seed = 11;
    const draw = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const word = () => `t${Math.floor(40 * draw() ** 2)}`;
    const docs = Array.from({ length: 800 }, () => ({ title: [word()], products: [word(), word()], description: Array.from({ length: 1 + Math.floor(draw() * 12) }, word) }));
    const index = new TextIndex();
    docs.forEach((d) => index.add(d));
    const removed = new Set([3, 50, 400]);
    removed.forEach((d) => index.remove(d));
    const live = docs.filter((_, d) => !removed.has(d));
    const fields = ['title', 'products', 'description'] as const;
    const avg = fields.map((f) => live.reduce((s, d) => s + d[f].length, 0) / live.length);
    // Document frequency counts removed documents too (their postings stay until a rebuild), as the index does.
    const dfs = new Map<string, number>();
    const dfOf = (term: string) => dfs.get(term) ?? dfs.set(term, docs.filter((doc) => fields.some((f) => doc[f].includes(term))).length).get(term)!;
    const naive = (query: { term: string; weight: number }[], d: number) => {
      let score = 0;
      const matched: number[] = [];
      query.forEach(({ term, weight }, q) => {
        const df = dfOf(term);
        if (df === 0 || !fields.some((f) => docs[d][f].includes(term))) return;
        const n = Math.max(live.length, df);
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const t = fields.reduce((s, f, i) => s + (BM25F.weights[i] * docs[d][f].filter((x) => x === term).length) / (1 - BM25F.b[i] + (BM25F.b[i] * docs[d][f].length) / avg[i]), 0);
        score += (idf * weight * t) / (BM25F.k1 + t);
        matched.push(q);
      });
      return { score, matched };
    };
    for (let round = 0; round < 10; round++) {
      const query = [...new Set(Array.from({ length: 6 }, word))].map((term) => ({ term, weight: 1 + Math.floor(draw() * 3) }));
      const hits = index.search(query, 10);
      const expected = docs.map((_, d) => ({ d, ...naive(query, d) })).filter((x) => !removed.has(x.d) && x.score > 0).sort((a, b) => b.score - a.score || a.d - b.d).slice(0, 10);
      expect(hits.map((h) => h.score.toFixed(9))).toEqual(expected.map((x) => x.score.toFixed(9)));
      for (const hit of hits) expect(hit.matched).toEqual(naive(query, hit.doc).matched);
    }
  });
});

describe('features', () => {
  it('industryProximity follows the GB/T 4754 hierarchy', () => {
    expect(industryProximity('C3841', 'C3841').value).toBe(1);
    expect(industryProximity('C3841', 'C3849').value).toBe(0.75);
    expect(industryProximity('C3841', 'C3811').value).toBe(0.5);
    expect(industryProximity('C3841', 'C2669').value).toBe(0.2);
    expect(industryProximity('C3841', 'I6511').value).toBe(0);
    expect(industryProximity(null, 'C3841').value).toBe(0);
  });

  it('regionProximity prefers the same county, then city, then province', () => {
    expect(regionProximity('320506', '320506').value).toBe(1);
    expect(regionProximity('320506', '320507').value).toBe(0.7);
    expect(regionProximity('320506', '320214').value).toBe(0.4);
    expect(regionProximity('320506', '310115').value).toBe(0);
    expect(regionProximity('320500', '320583').value).toBe(1);
  });

  it('chainPosition rewards direct upstream suppliers most', () => {
    const chain = { names: ['材料', '部件', '整机'], upstream: [[], [0], [1]] };
    expect(chainPosition(chain, { buyerSegments: [2], productSegments: [], candidateSegments: [1] }).value).toBe(1);
    expect(chainPosition(chain, { buyerSegments: [2], productSegments: [], candidateSegments: [0] }).value).toBe(0.6);
    expect(chainPosition(chain, { buyerSegments: [2], productSegments: [0], candidateSegments: [0] }).value).toBe(0.8);
    expect(chainPosition(chain, { buyerSegments: [0], productSegments: [], candidateSegments: [2] }).value).toBe(0);
  });

  it('qualificationFit counts certifications and a high enough 专精特新 tier', () => {
    expect(qualificationFit({ certifications: [], level: null }, { certifications: [], tags: [] })).toBeUndefined();
    const fit = qualificationFit({ certifications: ['IATF 16949', 'ISO 14001'], level: 'specialized' }, { certifications: ['IATF16949:2016'], tags: ['little_giant'] });
    expect(fit?.value).toBeCloseTo(2 / 3);
    expect(fit?.detail).toContain('缺少：ISO 14001');
  });

  it('smeFirst prefers SMEs for a large firm’s need only', () => {
    expect(smeFirst('large', 'small').value).toBe(1);
    expect(smeFirst('large', 'large').value).toBe(0);
    expect(smeFirst('medium', 'small').value).toBe(0);
  });
});

describe('MatchEngine', () => {
  const engine = createEngine();
  engine.upsertEnterprise(enterprise({ uscc: 'BUYER', size: 'large', products: ['磷酸铁锂电芯'], regionCode: '320571', industryCode: 'C3841' }));
  engine.upsertEnterprise(enterprise({ uscc: 'RESIST', products: ['光刻胶材料'], capabilities: '半导体用正性光刻胶材料研发与生产', industryCode: 'C2664', regionCode: '320505' }));
  engine.upsertEnterprise(enterprise({ uscc: 'MOTOR', products: ['伺服电机'], capabilities: '伺服电机与驱动器', industryCode: 'C3813' }));
  engine.upsertEnterprise(enterprise({ uscc: 'ELECTROLYTE', products: ['锂电池电解液'], capabilities: '锂电池电解液配方与生产', industryCode: 'C2669', regionCode: '320507', certifications: ['IATF 16949'] }));
  engine.upsertEnterprise(enterprise({ uscc: 'BIGCHEM', size: 'large', products: ['锂电池电解液'], capabilities: '电解液', industryCode: 'C2669', regionCode: '440300' }));

  const need = { title: '采购酚醛树脂', description: '用于研发项目', products: ['酚醛树脂'], industryCode: null, regionCode: null, requiredCertifications: [], requiredLevel: null, ownerUscc: 'BUYER' };

  it('reaches a 光刻胶材料 supplier from a 酚醛树脂 need through the knowledge base, and says so', () => {
    const [first] = engine.matchNeed(need, 5);
    expect(first.uscc).toBe('RESIST');
    const text = first.reasons.find((r) => r.feature === 'text')!;
    expect(text.terms?.some((t) => t.startsWith('酚醛树脂→') && t.includes('光刻胶'))).toBe(true);
    expect(engine.matchNeed(need, 5).map((m) => m.uscc)).not.toContain('MOTOR');
  });

  it('explains the score: the contributions add up to it, the buyer itself is never a candidate', () => {
    const matches = engine.matchNeed({ ...need, title: '电解液采购', products: ['锂电池电解液'], requiredCertifications: ['IATF 16949'], regionCode: '320500' }, 10);
    expect(matches.map((m) => m.uscc)).not.toContain('BUYER');
    const [first] = matches;
    expect(first.uscc).toBe('ELECTROLYTE');
    const sum = first.reasons.reduce((s, r) => s + r.contribution, 0);
    expect(first.score).toBeCloseTo(sum, 3);
    expect(first.reasons.map((r) => r.feature)).toEqual(['text', 'industry', 'region', 'chain', 'qualification', 'smeFirst']);
    expect(first.reasons.find((r) => r.feature === 'smeFirst')?.value).toBe(1);
    expect(first.reasons.find((r) => r.feature === 'qualification')?.value).toBe(1);
    const big = matches.find((m) => m.uscc === 'BIGCHEM')!;
    expect(big.score).toBeLessThan(first.score);
  });

  it('places a battery-material supplier upstream of the battery maker through the chain templates', () => {
    const [first] = engine.matchNeed({ ...need, title: '电解液', products: ['锂电池电解液'] }, 1);
    expect(first.reasons.find((r) => r.feature === 'chain')!.value).toBeGreaterThan(0);
  });

  it('finds an offer as soon as it is listed, and forgets it when removed', () => {
    engine.upsertOffer({ id: '7', uscc: 'MOTOR', title: '精密减速器', description: '谐波减速器', products: ['谐波减速器'], certifications: ['ISO 14001'] });
    const found = engine.matchNeed({ ...need, title: '减速器', products: ['谐波减速器'], requiredCertifications: ['ISO 14001'] }, 3);
    expect(found[0]).toMatchObject({ uscc: 'MOTOR', source: 'offer', offerId: '7' });
    expect(found[0].reasons.find((r) => r.feature === 'qualification')?.value).toBe(1);
    engine.removeOffer('7');
    expect(engine.matchNeed({ ...need, title: '减速器', products: ['谐波减速器'] }, 3).map((m) => m.offerId)).not.toContain('7');
  });

  it('scores a pair the same both ways and filters the feed by visibility', () => {
    engine.upsertNeed({ ...need, id: '1', kind: 'procurement', title: '电解液采购', products: ['锂电池电解液'], deadline: null });
    engine.upsertNeed({ ...need, id: '2', kind: 'procurement', title: '电解液招标', products: ['锂电池电解液'], deadline: null });
    const feed = engine.matchEnterprise('ELECTROLYTE', 10, (n) => n.id === '1');
    expect(feed.map((n) => n.id)).toEqual(['1']);
    const forward = engine.matchNeed({ ...need, title: '电解液采购', products: ['锂电池电解液'] }, 10).find((m) => m.uscc === 'ELECTROLYTE')!;
    expect(feed[0].score).toBeCloseTo(forward.score, 6);
    expect(engine.matchEnterprise('BUYER', 10, () => true)).toEqual([]);
  });
});
