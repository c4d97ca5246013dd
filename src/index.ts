/**
 * The library: `import { run } from 'models-conformance'`. `run()` is what `conformance run`
 * does, without the printing: it returns the RunResult the CLI reports and writes to --json.
 * The vitest integration is the `models-conformance/vitest` subpath; the JSON Schemas are
 * `models-conformance/schemas/<profile>/<name>.schema.json`.
 */
import { catalogue as catalogueOf, profileNames } from './profiles.js';
import { profileOf } from './run.js';
import type { CatalogueEntry } from './profiles.js';

export { run, RUN_DEFAULTS, type RunOptions } from './run.js';
export { exitCodeFor, UsageError } from './core/runner.js';
export { gatingResults, judge } from './core/verdict.js';
export { renderJson, JSON_REPORT_SCHEMA_VERSION } from '../reports/json.js';
export type { CatalogueEntry, ReferenceHandle } from './profiles.js';
export type { BaselineOutcome, CheckResult, Exchange, ExchangeRequest, ExchangeResponse, Level, Prerequisite, Reference, RunResult, RunVerdict, Status, Summary, VerdictHeadline } from './core/types.js';

/** The profiles `run` knows: nanogpt, codex-lb, openai. */
export const profiles: readonly string[] = profileNames();

/** A profile's checks, as `conformance list --json` prints them (default profile: nanogpt). */
export function catalogue(profile = 'nanogpt'): CatalogueEntry[] {
  return catalogueOf(profileOf(profile));
}

/**
 * Starts a profile's embedded reference server on 127.0.0.1 (port 0: a free one), as
 * `conformance serve` does: something conforming to develop a client against.
 */
export function startReference(profile = 'nanogpt', opts: { port?: number } = {}) {
  return profileOf(profile).startReference(opts);
}

