/** `conformance run`: the options to a RunOptions, the run, then the terminal report and the files asked for. */
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { KEY_ENV, RESTRICTED_KEY_ENV } from '../core/engine.js';
import { Redactor } from '../core/redact.js';
import { exitCodeFor, UsageError } from '../core/runner.js';
import type { RunResult } from '../core/types.js';
import { plannedChecks, run, RUN_DEFAULTS, type RunOptions } from '../run.js';
import { progressLine, renderTerminal } from '../../reports/terminal.js';
import { renderJson } from '../../reports/json.js';
import { prepareReportPaths, writeReports } from '../../reports/index.js';
import { neutraliseCommands, noLegacyCommand, terminalText } from '../../reports/encode.js';
import { HEADERS_ENV, headerOptions, intOption, listOption, numberOption, splitLines, type CliIO } from './options.js';

const RUN_FLAGS = {
  profile: { type: 'string' },
  reference: { type: 'boolean' },
  json: { type: 'string' },
  junit: { type: 'string' },
  html: { type: 'string' },
  markdown: { type: 'string' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  only: { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  header: { type: 'string', multiple: true },
  strict: { type: 'boolean' },
  timeout: { type: 'string' },
  'max-time': { type: 'string' },
  'max-body-size': { type: 'string' },
  retries: { type: 'string' },
  'max-retry-wait': { type: 'string' },
  concurrency: { type: 'string' },
  'rate-limit': { type: 'string' },
  'max-requests': { type: 'string' },
  insecure: { type: 'boolean' },
  quiet: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'api-key': { type: 'string' },
} as const;

type RunFlags = ReturnType<typeof parseArgs<{ options: typeof RUN_FLAGS; allowPositionals: true }>>['values'];

export async function runCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: RUN_FLAGS });
  if (positionals.length > 1) throw new UsageError(`one base URL expected, got ${positionals.length}: ${positionals.join(' ')}`);
  const only = listOption(values.only);
  const skip = listOption(values.skip);
  // Everything that can be refused is refused before the first request: selectors, report paths.
  plannedChecks({ profile: values.profile, only, skip });
  const jsonToStdout = values.json === '-';
  prepareReportPaths([jsonToStdout ? undefined : values.json, values.junit, values.html, values.markdown, values['update-baseline'] ? values.baseline : undefined, io.env.GITHUB_ACTIONS === 'true' ? io.env.GITHUB_STEP_SUMMARY || undefined : undefined]);
  const headers = headerOptions(values.header ?? []);
  const envHeaders = headerOptions(splitLines(io.env[HEADERS_ENV]), HEADERS_ENV);
  const human = jsonToStdout ? io.stderr : io.stdout;
  const apiKey = values['api-key'] ?? io.env[KEY_ENV];
  if (values['api-key']) io.stderr.write(`conformance: warning: --api-key shows in process lists and shell history; prefer ${KEY_ENV}\n`);
  if (values.insecure && !values.reference) io.stderr.write('conformance: warning: --insecure: the TLS certificate is not verified; a key sent to this target could be read by anyone in the middle\n');
  const showProgress = Boolean(io.stderr.isTTY) && !values.quiet && io.env.TERM !== 'dumb';

  const result = await run({
    baseUrl: positionals[0],
    reference: values.reference,
    profile: values.profile,
    apiKey,
    restrictedApiKey: io.env[RESTRICTED_KEY_ENV],
    settings: io.env,
    headers: { ...Object.fromEntries(envHeaders), ...Object.fromEntries(headers) },
    secretHeaders: envHeaders.map(([, v]) => v),
    only,
    skip,
    strict: values.strict,
    baseline: values.baseline,
    updateBaseline: values['update-baseline'],
    ...limitsOf(values),
    insecure: values.insecure,
    httpClient: io.httpClient,
    onNote: (line) => io.stderr.write(`conformance: ${terminalText(line)}\n`),
    onResult: showProgress ? (r, done, total) => io.stderr.write(`\r${progressLine(r, done, total)}\u001b[K`) : undefined,
  });
  if (showProgress) io.stderr.write('\r\u001b[K');
  const redactor = new Redactor([apiKey, io.env[RESTRICTED_KEY_ENV], ...envHeaders.map(([, v]) => v)]);
  await report(result, values, { io, human, redact: (s) => redactor.text(s) });
  return exitCodeFor(result);
}

/** The numeric options, each checked (a whole number, or a number for the rate), their defaults where not given. */
function limitsOf(values: RunFlags): Pick<RunOptions, 'timeoutMs' | 'maxTimeMs' | 'maxBodyBytes' | 'retries' | 'maxRetryWaitMs' | 'concurrency' | 'rateLimit' | 'maxRequests'> {
  return {
    timeoutMs: intOption(values.timeout, 'timeout', RUN_DEFAULTS.timeoutMs),
    maxTimeMs: intOption(values['max-time'], 'max-time', RUN_DEFAULTS.maxTimeMs),
    maxBodyBytes: intOption(values['max-body-size'], 'max-body-size', RUN_DEFAULTS.maxBodyBytes),
    retries: intOption(values.retries, 'retries', RUN_DEFAULTS.retries, 0),
    maxRetryWaitMs: intOption(values['max-retry-wait'], 'max-retry-wait', RUN_DEFAULTS.maxRetryWaitMs, 0),
    concurrency: intOption(values.concurrency, 'concurrency', RUN_DEFAULTS.concurrency),
    rateLimit: numberOption(values['rate-limit'], 'rate-limit', RUN_DEFAULTS.rateLimit),
    maxRequests: intOption(values['max-requests'], 'max-requests', RUN_DEFAULTS.maxRequests),
  };
}

/** The terminal report (to stderr when the JSON goes to stdout), then --json and the other report files. */
async function report(result: RunResult, values: RunFlags, out: { io: CliIO; human: CliIO['stdout']; redact: (s: string) => string }): Promise<void> {
  const { io, human, redact } = out;
  const color = !values['no-color'] && colorWanted(io.env, Boolean(human.isTTY));
  // Redacted once more, as every report (writeReports), and no line of it a workflow command
  // (the terminal report has none of its own): a last line of defence behind terminalText.
  human.write(neutraliseCommands(redact(renderTerminal(result, { color, verbose: !values.quiet }))));
  if (values.json !== undefined) {
    const json = noLegacyCommand(redact(renderJson(result)));
    if (values.json === '-') io.stdout.write(json);
    else writeReport(values.json, json);
  }
  await writeReports(result, { junit: values.junit, html: values.html, markdown: values.markdown }, { out: human, env: io.env }, redact);
}

/** --no-color aside: NO_COLOR (any value) wins, then FORCE_COLOR (0 or false: off), then TERM=dumb, then the terminal. */
export function colorWanted(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

function writeReport(file: string, content: string): void {
  try {
    // Synchronous, as every report write: once per run, and node:fs/promises takes ~4 ms to load.
    writeFileSync(file, content);
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as Error).message}`);
  }
}
