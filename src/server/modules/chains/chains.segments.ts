/**
 * Pure rules of a chain's segments: the links must form a DAG over known keys, and the edits
 * (add, change, split, merge, delete) produce a new segment list that is checked again. No I/O.
 */
import type { ChainStage } from '../../../contracts/chains.js';
import type { FieldError } from '../../errors.js';

/** A segment as the rules see it. */
export interface Segment {
  key: string;
  name: string;
  stage: ChainStage;
  upstream: string[];
  products: string[];
  industryCodes: string[];
  position: number;
}

/**
 * Problems of a segment list, each naming its field: duplicate keys (`segments[2].key`),
 * self-links and unknown upstream keys (`segments[3].upstream[0]`), and cycles (`segments`, the
 * message lists the segments of the cycle in order).
 */
export function checkSegments(segments: readonly Pick<Segment, 'key' | 'upstream'>[], prefix = 'segments'): FieldError[] {
  const errors: FieldError[] = [];
  const index = new Map<string, number>();
  segments.forEach((segment, i) => {
    if (index.has(segment.key)) {
      errors.push({ path: `${prefix}[${i}].key`, message: `环节标识 ${segment.key} 重复` });
    } else {
      index.set(segment.key, i);
    }
  });
  segments.forEach((segment, i) => {
    const seen = new Set<string>();
    segment.upstream.forEach((up, j) => {
      const path = `${prefix}[${i}].upstream[${j}]`;
      if (up === segment.key) {
        errors.push({ path, message: `环节 ${segment.key} 不能以自身为上游` });
      } else if (!index.has(up)) {
        errors.push({ path, message: `未知的上游环节 ${up}` });
      } else if (seen.has(up)) {
        errors.push({ path, message: `上游环节 ${up} 重复` });
      }
      seen.add(up);
    });
  });
  if (errors.length > 0) {
    return errors;
  }
  const cycle = findCycle(segments);
  if (cycle) {
    errors.push({ path: prefix, message: `环节之间的上下游关系形成循环：${cycle.join(' → ')}` });
  }
  return errors;
}

/**
 * One cycle of upstream links as a closed walk of keys (`a → b → a`), or undefined for a DAG.
 * Depth-first search with colours; iterative so that long chains cannot overflow the stack.
 */
export function findCycle(segments: readonly Pick<Segment, 'key' | 'upstream'>[]): string[] | undefined {
  const upstreamOf = new Map(segments.map((s) => [s.key, s.upstream]));
  const colour = new Map<string, 'grey' | 'black'>();
  for (const start of upstreamOf.keys()) {
    if (colour.has(start)) {
      continue;
    }
    const stack: Array<{ key: string; next: number }> = [{ key: start, next: 0 }];
    colour.set(start, 'grey');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const ups = upstreamOf.get(top.key) ?? [];
      if (top.next >= ups.length) {
        colour.set(top.key, 'black');
        stack.pop();
        continue;
      }
      const up = ups[top.next++];
      if (!upstreamOf.has(up)) {
        continue;
      }
      const state = colour.get(up);
      if (state === 'grey') {
        // The walk goes downstream → upstream; print it upstream → downstream as users read maps.
        const from = stack.findIndex((frame) => frame.key === up);
        const walk = stack.slice(from).map((frame) => frame.key);
        return [...walk, up].reverse();
      }
      if (state === undefined) {
        colour.set(up, 'grey');
        stack.push({ key: up, next: 0 });
      }
    }
  }
  return undefined;
}

/** Next display position within a stage. */
function nextPosition(segments: readonly Segment[], stage: ChainStage): number {
  return segments.filter((s) => s.stage === stage).reduce((max, s) => Math.max(max, s.position + 1), 0);
}

/** Result of an edit: the new list, or the problems of the edit. */
export type EditResult = { segments: Segment[]; errors: [] } | { segments?: undefined; errors: FieldError[] };

function result(segments: Segment[], errors: FieldError[]): EditResult {
  return errors.length > 0 ? { errors } : { segments, errors: [] };
}

/** Problems of one segment's upstream list against the others, named under `prefix`. */
function checkUpstreamOf(key: string, upstream: readonly string[], known: ReadonlySet<string>, prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  upstream.forEach((up, j) => {
    if (up === key) {
      errors.push({ path: `${prefix}[${j}]`, message: `环节 ${key} 不能以自身为上游` });
    } else if (!known.has(up)) {
      errors.push({ path: `${prefix}[${j}]`, message: `未知的上游环节 ${up}` });
    }
  });
  return errors;
}

function cycleErrors(segments: readonly Segment[], path: string): FieldError[] {
  const cycle = findCycle(segments);
  return cycle ? [{ path, message: `环节之间的上下游关系形成循环：${cycle.join(' → ')}` }] : [];
}

/** Add a segment at the end of its stage. */
export function addSegment(segments: readonly Segment[], input: Omit<Segment, 'position'>): EditResult {
  const known = new Set(segments.map((s) => s.key));
  if (known.has(input.key)) {
    return { errors: [{ path: 'key', message: `环节标识 ${input.key} 已存在` }] };
  }
  const errors = checkUpstreamOf(input.key, input.upstream, known, 'upstream');
  const next = [...segments, { ...input, upstream: [...new Set(input.upstream)], position: nextPosition(segments, input.stage) }];
  return result(next, errors.length > 0 ? errors : cycleErrors(next, 'upstream'));
}

/** Change a segment's name, stage, links, products or industry codes. */
export function updateSegment(segments: readonly Segment[], key: string, change: Partial<Omit<Segment, 'key' | 'position'>>): EditResult {
  const current = segments.find((s) => s.key === key);
  if (!current) {
    return { errors: [{ path: 'key', message: `环节 ${key} 不存在` }] };
  }
  const known = new Set(segments.map((s) => s.key));
  const errors = change.upstream ? checkUpstreamOf(key, change.upstream, known, 'upstream') : [];
  const updated: Segment = {
    ...current,
    ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
    upstream: change.upstream ? [...new Set(change.upstream)] : current.upstream,
  };
  if (change.stage && change.stage !== current.stage) {
    updated.position = nextPosition(segments, change.stage);
  }
  const next = segments.map((s) => (s.key === key ? updated : s));
  return result(next, errors.length > 0 ? errors : cycleErrors(next, 'upstream'));
}

/**
 * Split one segment into new ones. Each new segment takes the old one's upstream links unless
 * it names its own; segments downstream of the old one link to every new one.
 */
export function splitSegment(
  segments: readonly Segment[],
  key: string,
  into: ReadonlyArray<{ key: string; name: string; stage?: ChainStage; upstream?: string[]; products?: string[]; industryCodes?: string[] }>,
): EditResult {
  const current = segments.find((s) => s.key === key);
  if (!current) {
    return { errors: [{ path: 'key', message: `环节 ${key} 不存在` }] };
  }
  const errors: FieldError[] = [];
  const others = segments.filter((s) => s.key !== key);
  const taken = new Set(others.map((s) => s.key));
  const newKeys = into.map((s) => s.key);
  into.forEach((part, i) => {
    if (taken.has(part.key) || newKeys.indexOf(part.key) !== i) {
      errors.push({ path: `into[${i}].key`, message: `环节标识 ${part.key} 已存在` });
    }
  });
  const known = new Set([...taken, ...newKeys]);
  into.forEach((part, i) => {
    if (part.upstream) {
      errors.push(...checkUpstreamOf(part.key, part.upstream, known, `into[${i}].upstream`));
    }
  });
  if (errors.length > 0) {
    return { errors };
  }
  const parts: Segment[] = into.map((part, i) => ({
    key: part.key,
    name: part.name,
    stage: part.stage ?? current.stage,
    upstream: [...new Set(part.upstream ?? current.upstream)],
    products: part.products ?? current.products,
    industryCodes: part.industryCodes ?? current.industryCodes,
    position: current.position + i / into.length,
  }));
  const relinked = others.map((s) => (s.upstream.includes(key) ? { ...s, upstream: replaceKeys(s.upstream, [key], newKeys) } : s));
  const next = renumber([...relinked, ...parts]);
  return result(next, cycleErrors(next, 'into'));
}

/**
 * Merge segments into one: its upstream links are the union of theirs (minus the merged keys),
 * its products and industry codes the union, and every segment downstream of any of them links
 * to it instead.
 */
export function mergeSegments(segments: readonly Segment[], keys: readonly string[], into: { key: string; name: string; stage?: ChainStage }): EditResult {
  const errors: FieldError[] = [];
  const merged = keys.map((k, i) => {
    const found = segments.find((s) => s.key === k);
    if (!found) {
      errors.push({ path: `keys[${i}]`, message: `环节 ${k} 不存在` });
    } else if (keys.indexOf(k) !== i) {
      errors.push({ path: `keys[${i}]`, message: `环节 ${k} 重复` });
    }
    return found;
  });
  const mergedKeys = new Set(keys);
  if (!mergedKeys.has(into.key) && segments.some((s) => s.key === into.key)) {
    errors.push({ path: 'into.key', message: `环节标识 ${into.key} 已存在` });
  }
  if (errors.length > 0) {
    return { errors };
  }
  const parts = merged as Segment[];
  const union = (pick: (s: Segment) => string[]) => [...new Set(parts.flatMap(pick))];
  const combined: Segment = {
    key: into.key,
    name: into.name,
    stage: into.stage ?? parts[0].stage,
    upstream: union((s) => s.upstream).filter((k) => !mergedKeys.has(k)),
    products: union((s) => s.products),
    industryCodes: union((s) => s.industryCodes),
    position: Math.min(...parts.map((s) => s.position)),
  };
  const rest = segments
    .filter((s) => !mergedKeys.has(s.key))
    .map((s) => (s.upstream.some((k) => mergedKeys.has(k)) ? { ...s, upstream: replaceKeys(s.upstream, [...mergedKeys], [into.key]) } : s));
  const next = renumber([...rest, combined]);
  return result(next, cycleErrors(next, 'keys'));
}

/** Delete a segment and the links to it. */
export function deleteSegment(segments: readonly Segment[], key: string): EditResult {
  if (!segments.some((s) => s.key === key)) {
    return { errors: [{ path: 'key', message: `环节 ${key} 不存在` }] };
  }
  const next = segments.filter((s) => s.key !== key).map((s) => (s.upstream.includes(key) ? { ...s, upstream: s.upstream.filter((k) => k !== key) } : s));
  return { segments: renumber(next), errors: [] };
}

/** Replace the `removed` keys in a link list by `added`, keeping order and dropping repeats. */
function replaceKeys(list: readonly string[], removed: readonly string[], added: readonly string[]): string[] {
  const out: string[] = [];
  for (const k of list) {
    for (const item of removed.includes(k) ? added : [k]) {
      if (!out.includes(item)) out.push(item);
    }
  }
  return out;
}

/** Positions 0..n-1 within each stage, in the current order. */
function renumber(segments: Segment[]): Segment[] {
  const byStage = new Map<ChainStage, Segment[]>();
  for (const s of [...segments].sort((a, b) => a.position - b.position)) {
    byStage.set(s.stage, [...(byStage.get(s.stage) ?? []), s]);
  }
  const position = new Map<string, number>();
  for (const list of byStage.values()) list.forEach((s, i) => position.set(s.key, i));
  return segments.map((s) => ({ ...s, position: position.get(s.key)! }));
}
