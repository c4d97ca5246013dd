/** The catalogue: ids unique and pinned, every reference quoted verbatim from the seed it names. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../src/profiles.js';
import { LEVELS } from '../src/core/types.js';
import { SOURCES_DIR } from './paths.js';
import { SOURCE_URLS } from '../suites/sources.js';

const all = Object.values(PROFILES).flatMap((p) => p.checks);

/** Pinned: ids are never renamed or reused. Adding a check appends here; removing one is a decision. */
const PINNED_NANOGPT_IDS = [
  'NG-LIST-01', 'NG-LIST-02', 'NG-LIST-03', 'NG-LIST-04', 'NG-LIST-05', 'NG-LIST-06', 'NG-LIST-07', 'NG-LIST-08',
  'NG-DET-01', 'NG-DET-02', 'NG-DET-03', 'NG-DET-04', 'NG-DET-05', 'NG-DET-06', 'NG-DET-07', 'NG-DET-08', 'NG-DET-09', 'NG-DET-10', 'NG-DET-11',
  'NG-SORT-01', 'NG-SORT-02', 'NG-SORT-03', 'NG-SORT-04', 'NG-SORT-05', 'NG-SORT-06', 'NG-SORT-07', 'NG-SORT-08', 'NG-SORT-09', 'NG-SORT-10',
  'NG-AUTH-01', 'NG-AUTH-02', 'NG-AUTH-03', 'NG-AUTH-04', 'NG-AUTH-05', 'NG-AUTH-06',
  'NG-VAR-01', 'NG-VAR-02', 'NG-VAR-03', 'NG-VAR-04', 'NG-VAR-05', 'NG-VAR-06',
  'NG-PERS-01', 'NG-PERS-02', 'NG-PERS-03', 'NG-PERS-04', 'NG-PERS-05', 'NG-PERS-06', 'NG-PERS-07', 'NG-PERS-08', 'NG-PERS-09', 'NG-PERS-10',
  'NG-IMG-01', 'NG-IMG-02', 'NG-IMG-03', 'NG-IMG-04', 'NG-IMG-05', 'NG-IMG-06', 'NG-IMG-07', 'NG-IMG-08', 'NG-IMG-09',
  'NG-EXP-01', 'NG-EXP-02', 'NG-EXP-03', 'NG-EXP-04',
  'NG-RATE-01',
  'NG-CORS-01', 'NG-CORS-02',
];

const PINNED_CODEX_LB_IDS = [
  'CLB-LIST-01', 'CLB-LIST-02', 'CLB-LIST-03', 'CLB-LIST-04', 'CLB-LIST-05', 'CLB-LIST-06', 'CLB-LIST-07',
  'CLB-META-01', 'CLB-META-02', 'CLB-META-03', 'CLB-META-04',
  'CLB-AUTH-01', 'CLB-AUTH-02',
  'CLB-FILTER-01', 'CLB-FILTER-02',
  'CLB-ERR-01', 'CLB-ERR-02',
  'CLB-RATE-01',
];

const PINNED_OPENAI_IDS = [
  'OAI-LIST-01', 'OAI-LIST-02', 'OAI-LIST-03', 'OAI-LIST-04', 'OAI-LIST-05', 'OAI-LIST-06',
  'OAI-AUTH-01', 'OAI-AUTH-02',
  'OAI-ERR-01', 'OAI-ERR-02',
  'OAI-LIST-07', 'OAI-LIST-08',
  'OAI-GET-01', 'OAI-GET-02', 'OAI-GET-03',
];

/** A reference source: one of the pinned documents in docs/sources/. */
function sourceFile(source: string): string {
  return path.join(SOURCES_DIR, source);
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe('check catalogue', () => {
  it('has unique ids across every profile', () => {
    const ids = all.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the NanoGPT ids pinned, in report order', () => {
    expect(PROFILES.nanogpt!.checks.map((c) => c.id)).toEqual(PINNED_NANOGPT_IDS);
  });

  it('keeps the codex-lb and openai ids pinned, in report order', () => {
    expect(PROFILES['codex-lb']!.checks.map((c) => c.id)).toEqual(PINNED_CODEX_LB_IDS);
    expect(PROFILES.openai!.checks.map((c) => c.id)).toEqual(PINNED_OPENAI_IDS);
  });

  it('gives every check a title, a typed level, an area and either a run function or an untestable reason', () => {
    for (const c of all) {
      expect(c.title.length, c.id).toBeGreaterThan(10);
      expect(LEVELS, c.id).toContain(c.level);
      expect(c.area, c.id).toMatch(/^[a-z-]+$/);
      expect(Boolean(c.run) !== Boolean(c.untestable), `${c.id}: exactly one of run / untestable`).toBe(true);
    }
  });

  it('gives every reference the public URL of its document, and pins every document it names', () => {
    for (const c of all) {
      expect(c.reference.url, c.id).toMatch(/^https:\/\/[^\s]+$/);
      expect(existsSync(sourceFile(c.reference.source)), `${c.id}: ${c.reference.source} is in docs/sources/`).toBe(true);
    }
    const listed = readFileSync(path.join(SOURCES_DIR, 'README.md'), 'utf8');
    for (const [file, url] of Object.entries(SOURCE_URLS)) {
      expect(listed, `docs/sources/README.md lists ${file}`).toContain(`\`${file}\``);
      expect(listed, `docs/sources/README.md gives ${url}`).toContain(url);
    }
  });

  it('quotes every reference verbatim from the seed it names', () => {
    const seeds = new Map<string, string>();
    for (const c of all) {
      const file = sourceFile(c.reference.source);
      if (!seeds.has(file)) seeds.set(file, normalise(readFileSync(file, 'utf8')));
      expect(seeds.get(file), `${c.id} quotes ${c.reference.source}`).toContain(normalise(c.reference.quote));
      expect(seeds.get(file), `${c.id} names section "${c.reference.section}"`).toContain(normalise(c.reference.section));
    }
  });
});
