/**
 * The kill matrix: a profile's suite run against its reference server (which must pass every
 * check) and against every deliberately broken variant of it (each must be failed by the checks
 * its break names). Used by `npm run kill-matrix` (scripts/kill-matrix.ts) and its test.
 */
import { RESTRICTED_KEY_ENV, RESTRICTED_MODELS_ENV } from '../core/keys.js';
import { runProfileOn } from '../run.js';
import type { RunResult } from '../core/types.js';
import { PROFILES } from '../profiles.js';

export interface BreakSpec {
  description: string;
  /** The ledger statement the break breaks (suites/ledger/). */
  rule: string;
  kills: readonly string[];
}

export interface MatrixServer {
  url: string;
  apiKey: string;
  /** Further settings the profile reads from the environment (e.g. codex-lb's restricted key). */
  extraEnv?: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export interface MatrixTarget {
  breaks: Readonly<Record<string, BreakSpec>>;
  /** Starts the profile's reference on 127.0.0.1 with the given breaks (none: the reference). */
  start(breaks: readonly string[]): Promise<MatrixServer>;
}

/** Profiles that have a table of broken variants. Adding a profile's table is one entry here. */
export const MATRIX_TARGETS: Readonly<Record<string, () => Promise<MatrixTarget>>> = {
  nanogpt: async () => {
    const [{ BREAKS }, { startReferenceServer }] = await Promise.all([import('./breaks.js'), import('./server.js')]);
    return { breaks: BREAKS, start: (breaks) => startReferenceServer({ breaks: breaks as (keyof typeof BREAKS)[] }) };
  },
  openai: async () => {
    const { OPENAI_BREAKS, startOpenAiReferenceServer } = await import('./openai-server.js');
    return { breaks: OPENAI_BREAKS, start: (breaks) => startOpenAiReferenceServer({ breaks: breaks as (keyof typeof OPENAI_BREAKS)[] }) };
  },
  'codex-lb': async () => {
    const ref = await import('./codex-lb-server.js');
    // As `run --reference` does: the restricted key and the ids it sees, so the filtering checks run.
    const extraEnv = { [RESTRICTED_KEY_ENV]: ref.CODEX_LB_RESTRICTED_KEY, [RESTRICTED_MODELS_ENV]: ref.CODEX_LB_RESTRICTED_SEES.join(',') };
    return {
      breaks: ref.CODEX_LB_BREAKS,
      async start(breaks) {
        const s = await ref.startCodexLbReferenceServer({ breaks: breaks as (keyof typeof ref.CODEX_LB_BREAKS)[] });
        return { url: s.url, apiKey: s.apiKey, extraEnv, close: () => s.close() };
      },
    };
  },
};

export interface VariantRow {
  name: string;
  description: string;
  kills: readonly string[];
  /** Every check that failed against the variant. */
  failing: string[];
  /** Intended kills that did not fail (a survivor when non-empty). */
  missed: string[];
  /** Checks that could not decide: a broken server must be failed, never errored. */
  errors: string[];
}

export interface ReferenceRow {
  keyGiven: boolean;
  checks: number;
  failing: string[];
  errors: string[];
}

export interface MatrixResult {
  profile: string;
  reference: ReferenceRow[];
  variants: VariantRow[];
  durationMs: number;
}

const idsWith = (r: RunResult, status: string) => r.results.filter((x) => x.status === status).map((x) => x.id);

/** Runs the profile's whole suite against one server, in-process, with bounded time and requests. */
export async function runProfile(profile: string, url: string, keys: { apiKey?: string; extraEnv?: Readonly<Record<string, string>> } = {}): Promise<RunResult> {
  if (!PROFILES[profile]) throw new Error(`unknown profile "${profile}"`);
  const env = keys.extraEnv ?? {};
  return runProfileOn(url, {
    profile,
    apiKey: keys.apiKey,
    restrictedKey: env[RESTRICTED_KEY_ENV],
    settings: env,
    // Shorter than a real run's: a reference answers at once, and a variant that stalls must not hold the matrix.
    timeoutMs: 5_000,
    retries: 1,
    maxRetryWaitMs: 2_000,
    maxTimeMs: 60_000,
    tool: { name: 'conformance', version: 'kill-matrix' },
    userAgent: 'conformance-kill-matrix',
  });
}

async function withServer<T>(target: MatrixTarget, breaks: readonly string[], fn: (s: MatrixServer) => Promise<T>): Promise<T> {
  const server = await target.start(breaks);
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function runKillMatrix(profile: string, opts: { concurrency?: number; only?: readonly string[] } = {}): Promise<MatrixResult> {
  const load = MATRIX_TARGETS[profile];
  if (!load) throw new Error(`profile "${profile}" has no table of broken variants; known: ${Object.keys(MATRIX_TARGETS).join(', ')}`);
  const target = await load();
  const started = Date.now();

  // With every key the reference has, and with none: both must be clean.
  const reference = await withServer(target, [], async (s) =>
    Promise.all([{ apiKey: s.apiKey, extraEnv: s.extraEnv }, {}].map(async (keys): Promise<ReferenceRow> => {
      const r = await runProfile(profile, s.url, keys);
      return { keyGiven: keys.apiKey !== undefined, checks: r.results.length, failing: idsWith(r, 'fail'), errors: idsWith(r, 'error') };
    })));

  const names = Object.keys(target.breaks).filter((n) => !opts.only?.length || opts.only.includes(n));
  const variants = await pool(names, opts.concurrency ?? 4, (name) =>
    withServer(target, [name], async (s): Promise<VariantRow> => {
      const r = await runProfile(profile, s.url, { apiKey: s.apiKey, extraEnv: s.extraEnv });
      const spec = target.breaks[name]!;
      const failing = idsWith(r, 'fail');
      return { name, description: spec.description, kills: spec.kills, failing, missed: spec.kills.filter((id) => !failing.includes(id)), errors: idsWith(r, 'error') };
    }));

  return { profile, reference, variants, durationMs: Date.now() - started };
}

export interface MatrixVerdict {
  killed: number;
  total: number;
  /** killed / total as a whole percentage, rounded down (100 only when every variant is killed). */
  rate: number;
  survivors: string[];
  erroring: string[];
  referenceFailures: string[];
  ok: boolean;
}

export function summarizeMatrix(m: MatrixResult): MatrixVerdict {
  const survivors = m.variants.filter((v) => v.missed.length > 0).map((v) => v.name);
  const erroring = m.variants.filter((v) => v.errors.length > 0).map((v) => v.name);
  const referenceFailures = [...new Set(m.reference.flatMap((r) => [...r.failing, ...r.errors]))];
  const total = m.variants.length;
  const killed = total - survivors.length;
  const rate = total === 0 ? 0 : Math.floor((killed * 100) / total);
  return { killed, total, rate, survivors, erroring, referenceFailures, ok: total > 0 && !survivors.length && !erroring.length && !referenceFailures.length };
}

/** The matrix as text: one row per variant, its intended kills (✓ caught, ✗ missed) and collateral failures (+). */
export function formatMatrix(m: MatrixResult): string {
  const v = summarizeMatrix(m);
  const width = Math.max(8, ...m.variants.map((x) => x.name.length));
  const lines = [`Kill matrix · profile ${m.profile} · ${m.variants.length} broken variants`, ''];
  for (const r of m.reference) {
    const bad = [...r.failing, ...r.errors];
    lines.push(`reference (${r.keyGiven ? 'with key' : 'no key'}): ${r.checks} checks, ${r.failing.length} failed, ${r.errors.length} errors${bad.length ? `: ${bad.join(' ')}` : ''}`);
  }
  lines.push('', `${'variant'.padEnd(width)}  failing checks (✓ intended and caught, ✗ intended but not failed, + collateral)`);
  for (const row of m.variants) {
    const cells = [
      ...row.kills.map((id) => (row.missed.includes(id) ? `✗${id}` : `✓${id}`)),
      ...row.failing.filter((id) => !row.kills.includes(id)).map((id) => `+${id}`),
      ...(row.errors.length ? [`ERROR: ${row.errors.join(' ')}`] : []),
    ];
    lines.push(`${row.name.padEnd(width)}  ${cells.join(' ')}`);
  }
  lines.push('');
  if (v.survivors.length) lines.push(`SURVIVORS (no intended check failed them): ${v.survivors.join(', ')}`);
  if (v.erroring.length) lines.push(`ERRORS (a broken server must be failed, not errored): ${v.erroring.join(', ')}`);
  if (v.referenceFailures.length) lines.push(`REFERENCE FAILS: ${v.referenceFailures.join(', ')}`);
  const collateral = m.variants.reduce((n, r) => n + r.failing.filter((id) => !r.kills.includes(id)).length, 0);
  lines.push(`Kill rate: ${v.killed}/${v.total} (${v.rate}%) variants failed by their intended check; ${collateral} collateral failures; reference failures: ${v.referenceFailures.length}; ${(m.durationMs / 1000).toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}
