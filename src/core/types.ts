/** The result model shared by the runner, the checks and every report writer. */

export type Level = 'MUST' | 'SHOULD' | 'MAY';
/**
 * `pass`; `fail` (the server broke a MUST or SHOULD rule); `absent` (an optional, MAY, behaviour the
 * server does not offer: allowed, reported, never a failure); `skip` (not run: a prerequisite is
 * missing or the rule is untestable); `error` (the tool could not decide).
 */
export type Status = 'pass' | 'fail' | 'absent' | 'skip' | 'error';
export const STATUSES: readonly Status[] = ['pass', 'fail', 'absent', 'skip', 'error'];
export const LEVELS: readonly Level[] = ['MUST', 'SHOULD', 'MAY'];

/** Where a check comes from: the documentation it enforces, quoted. */
export interface Reference {
  /** Source document (pinned under docs/sources/), e.g. `nanogpt-models-api.txt`. */
  source: string;
  /** Public URL of the page the source document is a copy of. */
  url: string;
  /** Section heading in that source. */
  section: string;
  /** The sentence the check enforces, quoted verbatim. */
  quote: string;
  /** How conflicting sources were reconciled, when they were. */
  ruling?: string;
}

/** What a check may need before it can run. `restrictedKey`: a second key with allowed_models (codex-lb). */
export type Prerequisite = 'apiKey' | 'restrictedKey';

/** Which credential a request carries, symbolically; the real key never enters a RequestSpec. */
export type AuthSpec =
  | { header: 'bearer' | 'x-api-key'; key: 'valid' | 'invalid' | 'restricted' }
  | undefined;

/** A request as a check describes it: a path under the base URL plus query, headers and auth. */
export interface RequestSpec {
  method?: 'GET' | 'OPTIONS';
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  auth?: AuthSpec;
}

export interface ExchangeRequest {
  method: string;
  url: string;
  /** Headers as sent, with secrets already redacted. */
  headers: Record<string, string>;
}

export interface ExchangeResponse {
  status: number;
  headers: Record<string, string>;
  /** Decoded body text (possibly truncated for evidence; never beyond maxBodyBytes). */
  body: string;
  /** Byte size of the decoded body. */
  size: number;
}

/** One HTTP round trip: what was asked, what came back (or the transport error). */
export interface Exchange {
  request: ExchangeRequest;
  response?: ExchangeResponse;
  /** Set when no usable response came back (timeout, reset, refused, body too large). */
  transportError?: string;
  /** The class of transport error: `connect` and `tls` mean nothing was reached. */
  transportKind?: 'connect' | 'timeout' | 'reset' | 'too-large' | 'tls' | 'decode' | 'redirect' | 'other';
  /** 429 answers met (and retried) before this final response. */
  rateLimited: ExchangeResponse[];
  /** Why the retries stopped when the final response is still a 429. */
  retryNote?: string;
  /** Same-origin redirects followed to reach the response, e.g. `301 -> /api/v1/models/`. */
  redirects?: string[];
  durationMs: number;
  /** A copy-paste reproduction; keys appear as environment variables. */
  curl: string;
}

/** What a check returns. `fail` = the server broke a rule; `error` = the tool could not decide. */
export interface Verdict {
  status: Status;
  message: string;
  /** On a skip: the prerequisite whose absence kept the check from running. */
  needs?: Prerequisite;
  expected?: string;
  received?: string;
  /** JSON pointer into the response body, for schema failures. */
  pointer?: string;
  /** Failing JSON Schema keyword, for schema failures. */
  keyword?: string;
  /** The exchanges that show the verdict. */
  exchanges?: Exchange[];
}

export interface CheckContext {
  /** Make (or reuse) the request; never throws for HTTP statuses, only returns the exchange. */
  exchange(spec: RequestSpec): Promise<Exchange>;
  /** True when a valid key was configured. */
  readonly hasKey: boolean;
  /** True when a restricted key (CONFORMANCE_RESTRICTED_API_KEY) was configured. */
  readonly hasRestrictedKey: boolean;
  /** A non-secret profile setting from the environment (e.g. CONFORMANCE_RESTRICTED_MODELS), if given. */
  setting(name: string): string | undefined;
  /** Wall-clock now in Unix seconds, for timestamp plausibility. */
  nowSeconds(): number;
  /** Every 429 answer met so far in the run (retried or final). */
  rateLimitedSoFar(): readonly { url: string; response: ExchangeResponse }[];
  /** Every exchange completed so far in the run, in completion order (late checks judge them all). */
  exchangesSoFar(): readonly Exchange[];
}

export interface CheckDefinition {
  /** Stable, opaque identifier. Never reused, never renamed. */
  id: string;
  title: string;
  level: Level;
  /** Documented area, e.g. `list`, `sort`. Groups the terminal and JUnit reports. */
  area: string;
  reference: Reference;
  requires?: readonly Prerequisite[];
  /** Present when the statement cannot be decided black-box: why. The check is then reported `skip`. */
  untestable?: string;
  /** Runs after every other check (e.g. the check on 429s met during the run). */
  late?: boolean;
  run?: (ctx: CheckContext) => Promise<Verdict>;
}

export interface ExchangeEvidence extends Exchange {}

export interface CheckResult {
  id: string;
  title: string;
  level: Level;
  area: string;
  status: Status;
  reference: Reference;
  message: string;
  evidence: {
    expected?: string;
    received?: string;
    pointer?: string;
    keyword?: string;
    exchanges: Exchange[];
  };
  durationMs: number;
  /** On a skip: the prerequisite whose absence kept the check from running (a key, a restricted key). */
  needs?: Prerequisite;
  /** Set on a failure the baseline lists: still reported, no longer gating. */
  baseline?: 'known-failure';
}

/** How the run compares with a baseline of known failures (ids, in catalogue order). */
export interface BaselineOutcome {
  file: string;
  /** Listed in the baseline and failing now: reported, not gating. */
  knownFailures: string[];
  /** Listed in the baseline but passing now: the baseline can be tightened. */
  nowPassing: string[];
  /** Failing now and not listed: these gate. */
  newFailures: string[];
  /** True when this run rewrote the baseline (--update-baseline). */
  updated: boolean;
}

export interface Summary {
  total: number;
  pass: number;
  fail: number;
  /** Optional (MAY) behaviours the server does not offer: not failures. */
  absent: number;
  skip: number;
  error: number;
  /** Failures by level. */
  failedByLevel: Record<Level, number>;
}

export type VerdictHeadline = 'CONFORMS' | 'DOES NOT CONFORM' | 'INCONCLUSIVE' | 'UNREACHABLE';

/** The run's verdict, decided once (src/core/verdict.ts); the exit code and every report show this value. */
export interface RunVerdict {
  headline: VerdictHeadline;
  /** True only for CONFORMS. */
  conforms: boolean;
  /** One sentence on why, naming what was missing and the areas nothing was checked in. */
  detail: string;
  /** 0 CONFORMS, 1 DOES NOT CONFORM, 3 UNREACHABLE, 4 INCONCLUSIVE (2, usage errors, is the CLI's). */
  exitCode: number;
  /** Ids of the failed or undecided checks that gate (empty unless DOES NOT CONFORM). */
  gating: string[];
  /** Environment variables whose absence left checks skipped, e.g. CONFORMANCE_API_KEY. */
  missing: string[];
  /** Areas in which every check was skipped for want of a prerequisite, with what it needs. */
  unchecked: { area: string; needs: string[] }[];
}

/** How many statements of the profile's source documents this run decided (docs/ARCHITECTURE.md, "The sentence ledger"). */
export interface LedgerCoverage {
  /** The source documents the profile enforces. */
  documents: string[];
  /** Statements the ledger lists for them. */
  statements: number;
  /** Statements some runnable check of the catalogue enforces (directly or as a duplicate). */
  checked: number;
  /** Statements at least one of whose checks was decided (pass or fail) in this run. */
  decided: number;
}

export interface RunResult {
  tool: { name: string; version: string };
  target: string;
  profile: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Distinct HTTP requests sent (retries included). */
  requests: number;
  options: { strict: boolean; only: string[]; skip: string[]; keyGiven: boolean };
  summary: Summary;
  /** Statements of the source documents this run decided; absent for a profile without a ledger. */
  coverage?: LedgerCoverage;
  /** Set when the target could not be reached at all. */
  unreachable?: string;
  /** Set when the run was compared with a baseline (--baseline). */
  baseline?: BaselineOutcome;
  verdict: RunVerdict;
  results: CheckResult[];
}
