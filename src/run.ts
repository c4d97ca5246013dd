/**
 * One run, as a function: the CLI's `run` and the library's `run()` both come here, so a program
 * gets exactly the RunResult the CLI reports (and writes to --json). Configuration mistakes throw
 * UsageError before any request is sent.
 */
import { RESTRICTED_KEY_ENV } from './core/keys.js';
import { createEngine, definedOnly, ENGINE_DEFAULTS, type EngineLimits, type EngineSetup } from './core/engine-setup.js';
import { runSuite, selectChecks, UsageError } from './core/runner.js';
import type { CheckDefinition, CheckResult, RunResult } from './core/types.js';
import { PROFILES, profileNames, type Profile, type ReferenceHandle } from './profiles.js';
import { detectProfile } from './detect.js';
import { boundText } from './core/evidence.js';
import { toolInfo } from './version.js';
import { openBaseline, type BaselineStep } from '../reports/baseline.js';

export interface RunOptions extends EngineLimits {
  /** The server's base URL; the documented paths are appended to it. Omit it with `reference: true`. */
  baseUrl?: string;
  /** Run against the profile's embedded reference server, started on a free 127.0.0.1 port. */
  reference?: boolean;
  /** nanogpt (default), codex-lb, openai, or auto (probes the target). */
  profile?: string;
  /** A valid key, sent only to the target's origin and redacted from the result. */
  apiKey?: string;
  /** codex-lb: a key with allowed_models (redacted like apiKey). */
  restrictedApiKey?: string;
  /** Non-secret profile settings by environment name, e.g. CONFORMANCE_RESTRICTED_MODELS. */
  settings?: Record<string, string | undefined>;
  /** Extra request headers, sent with every request (to the target's origin only). */
  headers?: Record<string, string>;
  /** Header values to redact from the result like keys (e.g. those read from the environment). */
  secretHeaders?: readonly string[];
  /** Check ids or id prefixes. */
  only?: readonly string[];
  skip?: readonly string[];
  /** SHOULD failures gate too. */
  strict?: boolean;
  /** A baseline file of known failures (see the README); `updateBaseline` rewrites it. */
  baseline?: string;
  updateBaseline?: boolean;
  /** Called as each check finishes. */
  onResult?: (result: CheckResult, done: number, total: number) => void;
  /** One-line notes on what the run decided for you (reference started, profile chosen, URL trimmed). */
  onNote?: (line: string) => void;
}

/** The defaults of the run's limits: the Engine's (src/core/engine-setup.ts). */
export const RUN_DEFAULTS = ENGINE_DEFAULTS;

/** Headers the tool itself sets (keys have their own options): a user's copy would break the checks. */
const RESERVED_HEADERS = new Set(['authorization', 'x-api-key', 'host', 'content-length', 'connection', 'transfer-encoding', 'accept-encoding']);

export function profileOf(name: string | undefined): Profile {
  const profile = PROFILES[name ?? 'nanogpt'];
  if (!profile) throw new UsageError(`unknown profile "${name}". Choose one of: ${profileNames().join(', ')}${name === 'auto' ? ' (auto works only with a base URL)' : ''}`);
  return profile;
}

/** Checks the options a run would use, without sending anything; the checks that will run. */
export function plannedChecks(opts: Pick<RunOptions, 'profile' | 'only' | 'skip'>): CheckDefinition[] {
  const all = opts.profile === 'auto' ? Object.values(PROFILES).flatMap((p) => p.checks) : profileOf(opts.profile).checks;
  return selectChecks(all, opts.only ?? [], opts.skip ?? []);
}

/** One run: the plan (options checked, nothing sent), the target (a reference started if asked), the engine, the profile (probed with auto), the suite, the baseline. */
export async function run(opts: RunOptions): Promise<RunResult> {
  const note = opts.onNote ?? (() => {});
  const plan = await planRun(opts, note);
  const { headers, only, skip } = plan;
  const { url: target, apiKey, restricted, settings, reference } = await targetOf(opts, plan, note);
  let baseline = plan.baseline;
  try {
    const result = await runProfileOn(target!, {
      ...definedOnly(opts),
      profile: plan.profile?.name ?? 'auto',
      apiKey,
      restrictedKey: restricted,
      settings,
      headers,
      secretHeaderValues: opts.secretHeaders,
      only,
      skip,
      // The baseline names the profile: with --profile auto it is opened once the probe chose one, before any check runs.
      beforeChecks: async (chosen) => {
        baseline ??= await openBaseline(opts.baseline, Boolean(opts.updateBaseline), chosen.name);
      },
    });
    return await baseline!.settle(result);
  } finally {
    await reference?.close();
  }
}

/** What a run decides before it sends anything; a mistake in the options throws UsageError here. */
interface RunPlan {
  /** Undefined with --profile auto until the probe has chosen. */
  profile: Profile | undefined;
  checks: CheckDefinition[];
  only: string[];
  skip: string[];
  headers: Record<string, string>;
  baseline: BaselineStep | undefined;
  /** The base URL as given, trimmed of a documented prefix; undefined with --reference. */
  target: string | undefined;
}

async function planRun(opts: RunOptions, note: (line: string) => void): Promise<RunPlan> {
  if (opts.profile === 'auto' && opts.reference) throw new UsageError('--profile auto probes a base URL; with --reference name the profile: ' + profileNames().join(', '));
  if (opts.reference && opts.baseUrl) throw new UsageError('give either a base URL or --reference, not both');
  if (!opts.reference && !opts.baseUrl) throw new UsageError('missing <base-url>: conformance run https://your-server.example (or --reference to try the embedded reference server)');
  const profile = opts.profile === 'auto' ? undefined : profileOf(opts.profile);
  const only = [...(opts.only ?? [])];
  const skip = [...(opts.skip ?? [])];
  // In this order, so that the first mistake in the options is the one reported.
  const checks = plannedChecks({ profile: opts.profile, only, skip });
  const headers = checkHeaders(opts.headers ?? {});
  const baseline = profile && (await openBaseline(opts.baseline, Boolean(opts.updateBaseline), profile.name));
  const target = opts.baseUrl === undefined ? undefined : normaliseBaseUrl(opts.baseUrl, profile, note);
  return { profile, checks, only, skip, headers, baseline, target };
}

/** Where the requests go and with which credentials: the given base URL, or a reference server started for the run. */
interface RunTarget {
  url: string | undefined;
  apiKey: string | undefined;
  restricted: string | undefined;
  settings: Record<string, string | undefined>;
  reference?: ReferenceHandle;
}

async function targetOf(opts: RunOptions, plan: RunPlan, note: (line: string) => void): Promise<RunTarget> {
  if (!opts.reference) return { url: plan.target, apiKey: opts.apiKey || undefined, restricted: opts.restrictedApiKey || undefined, settings: opts.settings ?? {} };
  const profile = plan.profile!;
  const reference = await profile.startReference({});
  note(`started the ${profile.name} reference server at ${reference.url} (its test key${reference.extraEnv ? 's are' : ' is'} used)`);
  // A reference server brings its own extra settings (e.g. codex-lb's restricted key).
  return { url: reference.url, apiKey: reference.apiKey, restricted: reference.extraEnv?.[RESTRICTED_KEY_ENV], settings: reference.extraEnv ?? {}, reference };
}

export interface ProfileRunOptions extends Omit<EngineSetup, 'baseUrl'> {
  /** A profile name, or auto (probes the target and picks one). */
  profile: string;
  /** Check ids or id prefixes. */
  only?: readonly string[];
  skip?: readonly string[];
  /** SHOULD failures gate too. */
  strict?: boolean;
  onResult?: (result: CheckResult, done: number, total: number) => void;
  onNote?: (line: string) => void;
  /** The tool the result names (default: this package and its version); the User-Agent defaults to `name/version`. */
  tool?: { name: string; version: string };
  /** Called once the profile is known, before the first check. */
  beforeChecks?: (profile: Profile) => Promise<void>;
}

/**
 * The one way a profile's suite is run: an Engine configured by createEngine, the profile's checks
 * (--only/--skip applied), and the verdict. The base URL is used as given; run() checks and trims
 * it, starts a reference and applies a baseline around this.
 */
export async function runProfileOn(baseUrl: string, opts: ProfileRunOptions): Promise<RunResult> {
  const tool = opts.tool ?? toolInfo();
  // Only the settings some profile declares reach the checks.
  const settings = Object.fromEntries(Object.values(PROFILES).flatMap((p) => p.settings ?? []).map((name) => [name, opts.settings?.[name]]));
  const { engine, close } = createEngine({ ...opts, baseUrl, settings, userAgent: opts.userAgent ?? `${tool.name}/${tool.version}` });
  try {
    let profile = opts.profile === 'auto' ? undefined : profileOf(opts.profile);
    if (!profile) {
      const detection = await detectProfile(engine);
      profile = PROFILES[detection.profile]!;
      // Server text (a probe's error) can be in the reason: redacted, cut, and redacted again (a cut key).
      opts.onNote?.(`--profile auto chose ${profile.name}: ${engine.redactor.text(boundText(engine.redactor.text(detection.reason)))}`);
    }
    await opts.beforeChecks?.(profile);
    const only = [...(opts.only ?? [])];
    const skip = [...(opts.skip ?? [])];
    return await runSuite({
      profile: profile.name,
      checks: selectChecks(profile.checks, only, skip),
      probe: profile.probe,
      engine,
      target: engine.redactor.text(baseUrl),
      tool,
      strict: Boolean(opts.strict),
      only,
      skip,
      onResult: opts.onResult,
    });
  } finally {
    await close();
  }
}

function checkHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.trim().toLowerCase();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(lower)) throw new UsageError(`"${name}" is not a valid header name`);
    if (RESERVED_HEADERS.has(lower)) {
      const why = lower === 'authorization' || lower === 'x-api-key' ? 'pass the key in CONFORMANCE_API_KEY: the checks send it, and invalid ones, through both headers themselves' : 'the HTTP client sets it';
      throw new UsageError(`--header ${name}: not allowed, ${why}`);
    }
    if (/[\r\n\0]/.test(value)) throw new UsageError(`--header ${name}: the value may not contain line breaks`);
    out[lower] = value.trim();
  }
  return out;
}

/**
 * The base URL as the checks use it. One that already ends in the profile's documented prefix
 * (the OpenAI SDK's `…/v1`, a pasted `…/api/v1/models`) would double it on every request: the
 * prefix is dropped, and the note says so.
 */
export function normaliseBaseUrl(raw: string, profile: Profile | undefined, note: (line: string) => void = () => {}): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`"${raw}" is not a URL: give the server's base URL, e.g. http://127.0.0.1:8080 or https://nano-gpt.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`the base URL must be http:// or https://, not ${url.protocol}`);
  if (url.username || url.password) throw new UsageError('put no credentials in the URL: pass the key in CONFORMANCE_API_KEY');
  if (url.search || url.hash) throw new UsageError('the base URL takes no query string or fragment');
  const href = url.href.replace(/\/+$/, '');
  const prefixes = (profile ? [profile] : Object.values(PROFILES)).flatMap((p) => p.basePrefixes).sort((a, b) => b.length - a.length);
  const path = url.pathname.replace(/\/+$/, '');
  const prefix = prefixes.find((p) => path.endsWith(p));
  if (!prefix) return href;
  const trimmed = href.slice(0, href.length - prefix.length);
  note(`the base URL ends in ${prefix}, which the ${profile ? `${profile.name} profile's` : 'documented'} paths already start with: using ${trimmed}`);
  return trimmed;
}
