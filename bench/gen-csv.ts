/**
 * Generated enterprises as an import CSV with the Chinese headers of `IMPORT_COLUMNS`.
 *
 *   tsx bench/gen-csv.ts --count 100000 --out /tmp/enterprises-100k.csv [--seed 1] [--gbk]
 *
 * UTF-8 files start with a BOM (what Excel needs to show Chinese); `--gbk` writes GBK as Chinese
 * Excel saves it. Both are accepted by the import.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { IMPORT_COLUMNS, TAG_LABELS } from '../src/contracts/enterprises.js';
import { iterateEnterprises, type DemoEnterprise, type GenerateOptions } from '../src/server/demo/generator.js';
import { isMain } from './lib.js';

const UTF8_BOM = '\uFEFF';

function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cellOf(e: DemoEnterprise, key: (typeof IMPORT_COLUMNS)[number]['key']): string {
  switch (key) {
    case 'products':
      return e.products.join('；');
    case 'tags':
      return e.tags.map((tag) => TAG_LABELS[tag]).join('；');
    default:
      return String(e[key]);
  }
}

/** The header line (Chinese column names), with CRLF as Excel writes it. */
export function csvHeader(): string {
  return `${IMPORT_COLUMNS.map((c) => csvCell(c.zh)).join(',')}\r\n`;
}

/** One enterprise as a CSV line (products and tags joined by '；', tags as Chinese labels). */
export function csvLine(e: DemoEnterprise): string {
  return `${IMPORT_COLUMNS.map((c) => csvCell(cellOf(e, c.key))).join(',')}\r\n`;
}

/** The whole CSV in memory (UTF-8 with BOM), e.g. to hand to `importEnterprises`. */
export function enterprisesCsv(options: GenerateOptions): Buffer {
  const parts: string[] = [UTF8_BOM, csvHeader()];
  for (const e of iterateEnterprises(options)) {
    parts.push(csvLine(e));
  }
  return Buffer.from(parts.join(''), 'utf8');
}

/** Streams the CSV to `out` without holding the rows; returns the bytes written. */
export async function writeEnterprisesCsv(options: GenerateOptions & { out: string; isGbk?: boolean }): Promise<number> {
  const stream = fs.createWriteStream(options.out);
  const encode = (text: string): Buffer => (options.isGbk ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'));
  let bytes = 0;
  const write = async (text: string) => {
    const chunk = encode(text);
    bytes += chunk.length;
    if (!stream.write(chunk)) {
      await once(stream, 'drain');
    }
  };
  await write((options.isGbk ? '' : UTF8_BOM) + csvHeader());
  let buffer: string[] = [];
  for (const e of iterateEnterprises(options)) {
    buffer.push(csvLine(e));
    if (buffer.length >= 2000) {
      await write(buffer.join(''));
      buffer = [];
    }
  }
  await write(buffer.join(''));
  stream.end();
  await once(stream, 'finish');
  return bytes;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '100000' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      gbk: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!values.out || !Number.isInteger(count) || count < 0 || !Number.isInteger(seed)) {
    console.error('usage: tsx bench/gen-csv.ts --count <n> --out <file.csv> [--seed <n>] [--gbk]');
    process.exit(1);
  }
  const t0 = performance.now();
  const bytes = await writeEnterprisesCsv({ count, seed, out: values.out, isGbk: values.gbk });
  const seconds = (performance.now() - t0) / 1000;
  console.log(`wrote ${count} enterprises to ${values.out} (${(bytes / 1048576).toFixed(1)} MB, ${values.gbk ? 'GBK' : 'UTF-8'}) in ${seconds.toFixed(1)} s`);
}

if (isMain(import.meta.url)) {
  await main();
}
