/**
 * The sentence ledger (suites/ledger/, src/ledger/): every statement quoted verbatim from its
 * document, each either checked or given a reason (never both, never neither), every mapping naming
 * a real check or statement, every check enforcing some statement, and no statement removed.
 * The rules are one function (ledgerProblems) so that each is shown to fail on a broken ledger.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DocumentLedger, gap, normalise, quotes, REASON_KINDS, resolveDocument, type Statement } from '../src/ledger/ledger.js';
import { ledgerCoverage } from '../src/ledger/render.js';
import { LEDGER } from '../suites/ledger/index.js';
import { SOURCE_URLS } from '../suites/sources.js';
import { PROFILES } from '../src/profiles.js';
import type { CheckDefinition, RunResult } from '../src/core/types.js';
import { renderTerminal } from '../reports/terminal.js';
import { renderJson } from '../reports/json.js';
import { runCli, type CliIO } from '../src/cli/cli.js';
import { binPath, runAgainst } from './helpers.js';
import { SOURCES_DIR } from './paths.js';
import { packageRoot } from '../src/contract/schemas.js';
import type { ReferenceHandle } from '../src/profiles.js';
import { serve } from './servers.js';

/** Pinned: removing a statement is a decision. Adding one appends the next id and raises the count. */
const PINNED_COUNTS: Record<string, number> = {
  'nanogpt-models-api.txt': 142,
  'nanogpt-models-api-earlier-revision.txt': 40,
  'nanogpt-personalized-models-api.txt': 30,
  'nanogpt-image-models-api.txt': 31,
  'codex-lb-list-models-api.txt': 47,
  'openai-openapi__models-and-error__excerpt.json': 35,
};

type Catalogues = Record<string, readonly CheckDefinition[]>;
const CATALOGUES: Catalogues = Object.fromEntries(Object.values(PROFILES).map((p) => [p.name, p.checks]));
const documentText = new Map(Object.keys(SOURCE_URLS).map((f) => [f, normalise(readFileSync(path.join(SOURCES_DIR, f), 'utf8'))]));

/** Everything wrong with a ledger, one line per problem ([] for a sound one). */
function ledgerProblems(ledger: readonly DocumentLedger[], catalogues: Catalogues, counts: Record<string, number>): string[] {
  const problems: string[] = [];
  const statementIds = new Set(ledger.flatMap((d) => d.statements.map((s) => s.id)));
  if (statementIds.size !== ledger.reduce((n, d) => n + d.statements.length, 0)) problems.push('statement ids are not unique');

  for (const source of Object.keys(counts)) {
    if (!ledger.some((d) => d.source === source)) problems.push(`${source}: no ledger document`);
  }
  for (const doc of ledger) {
    const text = documentText.get(doc.source);
    const catalogue = catalogues[doc.profile];
    if (!text) { problems.push(`${doc.source}: not a pinned source document`); continue; }
    if (!catalogue) { problems.push(`${doc.source}: unknown profile ${doc.profile}`); continue; }
    if (doc.statements.length !== counts[doc.source]) problems.push(`${doc.source}: ${doc.statements.length} statements, pinned ${counts[doc.source]}`);
    const prefix = doc.statements[0]?.id.split('.')[0];
    doc.statements.forEach((s, i) => {
      const expected = `${prefix}.${String(i + 1).padStart(2, '0')}`;
      if (s.id !== expected) problems.push(`${doc.source}: statement ${i + 1} is ${s.id}, expected ${expected} (ids run without gaps)`);
    });
    const rows = resolveDocument(doc, catalogue);
    for (const [i, s] of doc.statements.entries()) {
      const row = rows[i]!;
      if (!text.includes(normalise(s.text))) problems.push(`${s.id}: text is not verbatim in ${doc.source}`);
      if (!text.includes(normalise(s.section))) problems.push(`${s.id}: section "${s.section}" is not in ${doc.source}`);
      for (const id of s.checks ?? []) if (!catalogue.some((c) => c.id === id)) problems.push(`${s.id}: names unknown check ${id} (profile ${doc.profile})`);
      if (row.checks.length && s.none) problems.push(`${s.id}: checked by ${row.checks.join(', ')} and also given a reason (${s.none.kind}): delete the reason`);
      if (!row.checks.length && !s.none) problems.push(`${s.id}: neither checked nor given a reason`);
      if (s.partly && !row.checks.length) problems.push(`${s.id}: "partly" on a statement no check enforces`);
      if (s.none && !REASON_KINDS.includes(s.none.kind)) problems.push(`${s.id}: unknown reason kind ${s.none.kind}`);
      if (s.none && !s.none.why.trim()) problems.push(`${s.id}: a reason without a why`);
      const needsOf = s.none?.kind === 'duplicate' || s.none?.kind === 'overruled';
      if (needsOf && (!s.none?.of || !statementIds.has(s.none.of) || s.none.of === s.id)) problems.push(`${s.id}: ${s.none?.kind} of an unknown statement ${s.none?.of}`);
      if (!needsOf && s.none?.of) problems.push(`${s.id}: "of" on a ${s.none.kind} reason`);
    }
  }

  for (const [profile, catalogue] of Object.entries(catalogues)) {
    const docs = ledger.filter((d) => d.profile === profile);
    for (const c of catalogue) {
      const enforces = docs.some((d) => d.statements.some((s) => quotes(c.reference, d.source, s.text) || s.checks?.includes(c.id)));
      if (!enforces) problems.push(`${c.id}: enforces no listed statement (its quote is in none of ${c.reference.source}'s statements and no statement names it)`);
    }
  }
  return problems;
}

/** The real ledger with one document's statements changed. */
function withStatements(source: string, change: (s: readonly Statement[]) => Statement[]): DocumentLedger[] {
  return LEDGER.map((d) => (d.source === source ? { ...d, statements: change(d.statements) } : d));
}

const MODELS = 'nanogpt-models-api.txt';

/** The problems a change to the ledger or the catalogue adds (so only the first test reports a real one). */
function added(ledger: readonly DocumentLedger[], catalogues: Catalogues = CATALOGUES): string[] {
  const before = new Set(ledgerProblems(LEDGER, CATALOGUES, PINNED_COUNTS));
  return ledgerProblems(ledger, catalogues, PINNED_COUNTS).filter((p) => !before.has(p));
}

/** A copy of a real check with another id and quote. */
function strayCheck(profile: string, source: string, quote: string): CheckDefinition {
  const model = CATALOGUES[profile]![0]!;
  return { ...model, id: 'STRAY-01', reference: { ...model.reference, source, quote } };
}

describe('sentence ledger', () => {
  it('is sound: verbatim, every statement checked or explained, every check mapped, no statement removed', () => {
    expect(ledgerProblems(LEDGER, CATALOGUES, PINNED_COUNTS)).toEqual([]);
  });

  it('has a document for every pinned source, and its data carries the statement text (the package has no docs/sources/)', () => {
    expect(LEDGER.map((d) => d.source).sort()).toEqual(Object.keys(SOURCE_URLS).sort());
    for (const d of LEDGER) for (const s of d.statements) expect(s.text.length, s.id).toBeGreaterThan(3);
  });

  describe('fails on a broken ledger', () => {
    it('when a statement is removed', () => {
      const broken = withStatements(MODELS, (ss) => ss.filter((s) => s.id !== 'ngm.50'));
      expect(added(broken)).toEqual(expect.arrayContaining([
        `${MODELS}: 141 statements, pinned 142`,
        expect.stringMatching(/statement 50 is ngm\.51, expected ngm\.50/),
      ]));
    });

    it('when a statement is in neither state', () => {
      const broken = withStatements(MODELS, (ss) => ss.map((s) => (s.id === 'ngm.07' ? { id: s.id, section: s.section, text: s.text } : s)));
      expect(added(broken)).toEqual(['ngm.07: neither checked nor given a reason']);
    });

    it('when a statement is checked and still carries a reason (a new check landed on a gap)', () => {
      const broken = withStatements(MODELS, (ss) => ss.map((s) => (s.id === 'ngm.81' ? { ...s, none: gap('t') } : s)));
      expect(added(broken)).toEqual([expect.stringMatching(/^ngm\.81: checked by NG-EXP-02, NG-EXP-03, NG-EXP-04 and also given a reason \(gap\)/)]);
    });

    it('when a mapping names an unknown check or statement', () => {
      const broken = withStatements(MODELS, (ss) => ss.map((s) => {
        if (s.id === 'ngm.02') return { ...s, checks: ['NG-LIST-99'] };
        if (s.id === 'ngm.106') return { ...s, none: { kind: 'duplicate' as const, why: 'x', of: 'ngm.999' } };
        return s;
      }));
      expect(added(broken)).toEqual(expect.arrayContaining([
        'ngm.02: names unknown check NG-LIST-99 (profile nanogpt)',
        'ngm.106: duplicate of an unknown statement ngm.999',
      ]));
    });

    it('when a statement is not verbatim in its document', () => {
      const broken = withStatements(MODELS, (ss) => ss.map((s) => (s.id === 'ngm.07' ? { ...s, text: 'Model availability changes rarely.' } : s)));
      expect(added(broken)).toEqual([`ngm.07: text is not verbatim in ${MODELS}`]);
    });

    it('when a check enforces no listed statement', () => {
      const nowhere = strayCheck('nanogpt', MODELS, 'Basic Request');
      expect(added(LEDGER, { ...CATALOGUES, nanogpt: [...CATALOGUES.nanogpt!, nowhere] })).toEqual([expect.stringMatching(/^STRAY-01: enforces no listed statement/)]);
    });

    it('when a new check lands on a statement with a reason, whether its quote lies inside it or spans it', () => {
      // A two-statement ledger of its own, so the test does not depend on which gaps are open today.
      const source = 'codex-lb-list-models-api.txt';
      const doc: DocumentLedger = { source, profile: 'codex-lb', statements: [
        { id: 'x.01', section: 'Model Metadata', text: 'Model priority for selection and display ordering.', none: gap('t') },
        { id: 'x.02', section: 'Model Metadata', text: 'Higher values indicate higher priority.', none: gap('t') },
      ] };
      const problems = (quote: string) => ledgerProblems([doc], { 'codex-lb': [strayCheck('codex-lb', source, quote)] }, { [source]: 2 });
      expect(problems('display ordering')).toEqual(['x.01: checked by STRAY-01 and also given a reason (gap): delete the reason']);
      expect(problems('Model priority for selection and display ordering. Higher values indicate higher priority.')).toEqual([
        'x.01: checked by STRAY-01 and also given a reason (gap): delete the reason',
        'x.02: checked by STRAY-01 and also given a reason (gap): delete the reason',
      ]);
      expect(problems('ordering. Higher values')).toEqual(['STRAY-01: enforces no listed statement (its quote is in none of codex-lb-list-models-api.txt\'s statements and no statement names it)']);
    });
  });

  it('maps a check by its quote alone, and an untestable check enforces nothing', () => {
    const rows = resolveDocument(LEDGER.find((d) => d.source === MODELS)!, CATALOGUES.nanogpt!);
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row('ngm.38').checks).toEqual(['NG-SORT-06', 'NG-SORT-10']); // both quote "Invalid sort values are ignored."
    expect(row('ngm.32')).toMatchObject({ checks: [], untestable: ['NG-SORT-08'], reason: { kind: 'server-internal' } });
  });

  it('counts per document, following duplicates to the checks of the statement repeated', () => {
    const earlier = ledgerCoverage('nanogpt').find((d) => d.source === 'nanogpt-models-api-earlier-revision.txt')!;
    expect(earlier.statements).toBe(40);
    expect(earlier.checked + Object.values(earlier.reasons).reduce((a, b) => a + b, 0)).toBe(40);
    expect(earlier.rows.find((r) => r.id === 'nge.14')).toMatchObject({ checks: [], reason: { kind: 'duplicate', of: 'ngm.59' }, via: expect.arrayContaining(['NG-LIST-06', 'NG-LIST-03']) });
  });
});

function capture(): CliIO & { out: () => string } {
  let out = '';
  return { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => undefined }, env: {}, out: () => out };
}

describe('list --coverage', () => {
  it('prints every statement per document with its checks or its reason, as text and JSON', async () => {
    const text = capture();
    expect(await runCli(['list', '--coverage'], text)).toBe(0);
    expect(text.out()).toMatch(/^nanogpt-models-api\.txt \(nanogpt\) https:\/\/docs\.nano-gpt\.com/m);
    expect(text.out()).toMatch(/ngm\.38 +\[Sorting model lists\] Invalid sort values are ignored\.\n +checked by NG-SORT-06, NG-SORT-10/);
    expect(text.out()).toMatch(/clb\.46 +\[Comparison with OpenAI\] Priority-based model ordering\n +checked by CLB-META-04/);
    expect(text.out()).toMatch(/nge\.14 .*\n +duplicate ngm\.59 \(checked by NG-LIST-06/);
    expect(text.out()).toMatch(/325 statements in 6 documents: \d+ checked, \d+ with a recorded reason \(\d+ of them repeat a checked statement\)\n$/);

    const json = capture();
    expect(await runCli(['list', '--coverage', '--profile', 'codex-lb', '--json'], json)).toBe(0);
    const parsed = JSON.parse(json.out()) as { documents: { source: string; statements: number; rows: { id: string; checks: string[] }[] }[] };
    expect(parsed.documents.map((d) => d.source)).toEqual(['codex-lb-list-models-api.txt']);
    expect(parsed.documents[0]!.rows.length).toBe(parsed.documents[0]!.statements);
    expect(parsed.documents[0]!.rows.find((r) => r.id === 'clb.38')?.checks).toEqual(expect.arrayContaining(['CLB-AUTH-01', 'CLB-AUTH-02']));
  });

  it('works from the built bundle alone, with no docs/sources/ beside it', async () => {
    // The launcher and the bundle in an empty folder: the statement text must come from the bundle itself.
    const pkg = mkdtempSync(path.join(tmpdir(), 'conformance-ledger-'));
    try {
      const cli = path.join(pkg, 'dist', 'src', 'cli');
      mkdirSync(cli, { recursive: true });
      copyFileSync(path.join(packageRoot(), 'package.json'), path.join(pkg, 'package.json'));
      for (const f of ['launch.cjs', 'conformance.cjs']) copyFileSync(path.join(path.dirname(binPath()), f), path.join(cli, f));
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(cli, 'launch.cjs'), 'list', '--coverage', '--profile', 'openai'], { cwd: pkg });
      expect(stdout).toMatch(/^openai-openapi__models-and-error__excerpt\.json \(openai\)/);
      expect(stdout).toMatch(/oai\.09 .*\n +checked by OAI-GET-01/);
    } finally {
      rmSync(pkg, { recursive: true, force: true });
    }
  });
});

describe('run coverage', () => {
  let server: ReferenceHandle;
  beforeAll(async () => { server = await serve(PROFILES.nanogpt!.startReference({})); });

  it('says how many statements of the profile\'s documents a run decided', async () => {
    const full = await runAgainst(server.url, { apiKey: server.apiKey });
    expect(full.coverage).toMatchObject({ documents: LEDGER.filter((d) => d.profile === 'nanogpt').map((d) => d.source), statements: 142 + 40 + 30 + 31 });
    const c = full.coverage!;
    // The run and `list --coverage` agree: statements with checks, or duplicates of one that has them.
    expect(c.checked).toBe(ledgerCoverage('nanogpt').flatMap((d) => d.rows).filter((r) => r.checks.length || r.via?.length).length);
    expect(c.decided).toBeGreaterThan(0);
    expect(c.decided).toBeLessThanOrEqual(c.checked);

    expect(renderTerminal(full, { color: false })).toContain(`documented statements: ${c.decided} of ${c.statements} decided in this run (${c.checked} have checks`);
    expect((JSON.parse(renderJson(full)) as RunResult).coverage).toEqual(c);

    const one = await runAgainst(server.url, { only: ['NG-LIST-06'] });
    // NG-LIST-06 enforces ngm.59 ("idstringUnique model identifier"), and nge.14 repeats it.
    expect(one.coverage).toMatchObject({ statements: c.statements, checked: c.checked, decided: 2 });
  });
});
