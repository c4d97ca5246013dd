/**
 * The command line, as a function: it takes argv and an IO bundle and returns the exit code.
 * Nothing here calls process.exit, so it runs in-process in tests exactly as from the shell.
 */
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import type { HttpClient } from '../core/http.js';
import { KEY_ENV, RESTRICTED_KEY_ENV, RESTRICTED_MODELS_ENV } from '../core/engine.js';
import { Redactor } from '../core/redact.js';
import { exitCodeFor, UsageError } from '../core/runner.js';
import { catalogue, profileNames } from '../profiles.js';
import { toolInfo } from '../version.js';
import { plannedChecks, profileOf, run, RUN_DEFAULTS } from '../run.js';
import { progressLine, renderTerminal } from '../../reports/terminal.js';
import { renderJson } from '../../reports/json.js';
import { prepareReportPaths, writeReports } from '../../reports/index.js';
import { neutraliseCommands, noLegacyCommand, terminalText } from '../../reports/encode.js';
import { boundText } from '../core/evidence.js';
import { SCHEMA_HELP } from './schema-help.js';

export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Ends `serve` (tests); the real process ends it with SIGINT / SIGTERM. */
  signal?: AbortSignal;
  /** Replaces the undici client (tests of the CLI plumbing only; checks are tested against real servers). */
  httpClient?: HttpClient;
}

/** Extra request headers, read from the environment: one `Name: value` a line, values redacted like keys. */
export const HEADERS_ENV = 'CONFORMANCE_HEADERS';

export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3, inconclusive: 4 } as const;

const USAGE = `  conformance run <base-url> [options]     check a server (paths are appended to <base-url>)
  conformance run --reference [options]    check the embedded reference server
  conformance list [--profile P] [--json]  print the check catalogue without running anything
  conformance list --coverage [--profile P] [--json]  every documented statement: its checks, or why none
  conformance serve [--port N]             run the reference server on 127.0.0.1 until Ctrl-C
${SCHEMA_HELP}`;

const RUN_OPTIONS = `Run options:
  --profile <name>        ${profileNames().join(' | ')} | auto (default nanogpt; auto probes the target and says what it chose)
  --json <file|->         write the whole run as JSON (- = stdout; the terminal report then goes to stderr)
  --junit <file>          write JUnit XML for CI test reporters (one testcase per check, a suite per area)
  --html <file>           write one self-contained HTML page (filters, evidence, documentation quotes)
  --markdown <file>       write a Markdown summary (pull-request comment, CI job summary)
  --baseline <file>       known failures: the failing checks it lists do not gate, new failures do
  --update-baseline       write this run's failures to the --baseline file (then gate against it)
  --only <ids>            run only these check ids or id prefixes (comma-separated, repeatable)
  --skip <ids>            leave out these ids or prefixes
  --header 'Name: value'  send this header with every request, to the target's origin only (repeatable)
  --strict                SHOULD failures fail the run too
  --timeout <ms>          per-request deadline (default 10000)
  --max-time <ms>         whole-run deadline (default 120000)
  --max-body-size <bytes> largest response body read (default 52428800)
  --retries <n>           retries after a 429, honouring Retry-After (default 2)
  --max-retry-wait <ms>   longest Retry-After honoured; a longer one ends the retries (default 30000)
  --concurrency <n>       parallel connections to the target (default 8)
  --rate-limit <rps>      at most this many requests per second, e.g. 0.5 (default: no limit)
  --max-requests <n>      hard cap on requests per run (default 1000)
  --insecure              accept self-signed TLS certificates (not verified at all)
  --quiet                 print failures and the summary only
  --no-color              no ANSI colours (also: NO_COLOR, TERM=dumb; FORCE_COLOR=1 forces them)
  --api-key <key>         a valid key (prefer ${KEY_ENV}: flags show in process lists)

A base URL that already ends in the profile's documented prefix (/v1, /api/v1, /api/v1/models)
is trimmed, and the run says so. Report folders are created; an unwritable report path is refused
before the first request.

Keys come from the environment: ${KEY_ENV}=<key>. The codex-lb filtering checks also take
${RESTRICTED_KEY_ENV} (a key with allowed_models) and
${RESTRICTED_MODELS_ENV} (the ids it should see). Headers that carry secrets go in
${HEADERS_ENV} (one 'Name: value' a line): their values are redacted like keys. Keys and
headers are sent only to the target's origin (redirects to another origin are never followed).

In GitHub Actions (GITHUB_ACTIONS=true) failures are also printed as annotations, and the
Markdown summary is appended to $GITHUB_STEP_SUMMARY when that is set.

Exit status: 0 conforms · 1 a MUST check failed or could not be decided (--strict: SHOULD too)
             2 usage or configuration error · 3 target unreachable
             4 inconclusive: nothing failed, but no MUST check of the core area (the list) was
               decided, e.g. every one needs a key that was not given; the verdict names it
`;

const HELP = `conformance — check a model-listing API against its documentation

Usage:
${USAGE}
'conformance <command> --help' shows one command's help.

${RUN_OPTIONS}`;

/** `conformance <command> --help`: exit 0, nothing else runs. */
const COMMAND_HELP: Record<string, string> = {
  run: `Usage:
  conformance run <base-url> [options]     check a server (paths are appended to <base-url>)
  conformance run --reference [options]    check the embedded reference server

${RUN_OPTIONS}`,
  list: `Usage: conformance list [--profile P] [--json]

Prints the check catalogue (id, level, area, title, what each needs) without sending anything.
  --profile <name>   ${profileNames().join(' | ')} (default nanogpt)
  --json             the catalogue as JSON, with each check's documentation reference
`,
  serve: `Usage: conformance serve [--port N] [--profile P]

Runs the profile's reference server on 127.0.0.1 until Ctrl-C and prints its test key.
  --port <n>         0-65535; 0 (the default) picks a free port
  --profile <name>   ${profileNames().join(' | ')} (default nanogpt)
Exit status: 0 stopped · 2 the port is invalid or already in use
`,
  schema: `Usage:
${SCHEMA_HELP}
  --out <dir>        the directory to write to (created)
  --profile <name>   only this profile (repeatable; default: all)
  --format <f>       json (default) or yaml
`,
};

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${toolInfo().version}\n`);
      return EXIT.ok;
    }
    if (COMMAND_HELP[command] && (rest.includes('--help') || rest.includes('-h'))) {
      io.stdout.write(COMMAND_HELP[command]);
      return EXIT.ok;
    }
    if (command === 'run') return await runCommand(rest, io);
    if (command === 'list') return await listCommand(rest, io);
    if (command === 'serve') return await serveCommand(rest, io);
    if (command === 'schema') return await (await import('./schema.js')).schemaCommand(rest, io);
    throw new UsageError(`unknown command "${command}". Commands: run, list, serve, schema (see conformance --help)`);
  } catch (err) {
    // Redacted: a message can quote an argument or something a server sent.
    const redact = (s: string) => new Redactor([io.env[KEY_ENV], io.env[RESTRICTED_KEY_ENV], argValue(argv, '--api-key'), ...splitLines(io.env[HEADERS_ENV]).map((l) => l.slice(l.indexOf(':') + 1).trim())]).text(s);
    if (err instanceof UsageError || isParseArgsError(err)) {
      io.stderr.write(`conformance: ${terminalText(redact(boundText(redact((err as Error).message))))}\n`);
      return EXIT.usage;
    }
    // Never a stack trace: one line saying what went wrong.
    io.stderr.write(`conformance: unexpected error: ${terminalText(redact(boundText(redact(String((err as Error)?.message ?? err)))))}\n`);
    return EXIT.failed;
  }
}

/** The value of `--name value` or `--name=value` in raw argv. */
function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i]?.startsWith(`${name}=`)) return argv[i]!.slice(name.length + 1);
  }
  return undefined;
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('ERR_PARSE_ARGS');
}

function intOption(value: string | undefined, name: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} takes a whole number >= ${min}, not "${value}"`);
  return n;
}

/** A non-negative number (fractions allowed), e.g. --rate-limit 0.5. */
function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} takes a number >= 0, not "${value}"`);
  return n;
}

function listOption(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

async function runCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
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
    },
  });
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
  const color = !values['no-color'] && colorWanted(io.env, Boolean(human.isTTY));
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
    timeoutMs: intOption(values.timeout, 'timeout', RUN_DEFAULTS.timeoutMs),
    maxTimeMs: intOption(values['max-time'], 'max-time', RUN_DEFAULTS.maxTimeMs),
    maxBodyBytes: intOption(values['max-body-size'], 'max-body-size', RUN_DEFAULTS.maxBodyBytes),
    retries: intOption(values.retries, 'retries', RUN_DEFAULTS.retries, 0),
    maxRetryWaitMs: intOption(values['max-retry-wait'], 'max-retry-wait', RUN_DEFAULTS.maxRetryWaitMs, 0),
    concurrency: intOption(values.concurrency, 'concurrency', RUN_DEFAULTS.concurrency),
    rateLimit: numberOption(values['rate-limit'], 'rate-limit', RUN_DEFAULTS.rateLimit),
    maxRequests: intOption(values['max-requests'], 'max-requests', RUN_DEFAULTS.maxRequests),
    insecure: values.insecure,
    httpClient: io.httpClient,
    onNote: (line) => io.stderr.write(`conformance: ${terminalText(line)}\n`),
    onResult: showProgress ? (r, done, total) => io.stderr.write(`\r${progressLine(r, done, total)}\u001b[K`) : undefined,
  });
  if (showProgress) io.stderr.write('\r\u001b[K');
  const redactor = new Redactor([apiKey, io.env[RESTRICTED_KEY_ENV], ...envHeaders.map(([, v]) => v)]);
  // Redacted once more, as every report (writeReports), and no line of it a workflow command
  // (the terminal report has none of its own): a last line of defence behind terminalText.
  human.write(neutraliseCommands(redactor.text(renderTerminal(result, { color, verbose: !values.quiet }))));
  if (values.json !== undefined) {
    const json = noLegacyCommand(redactor.text(renderJson(result)));
    if (jsonToStdout) io.stdout.write(json);
    else writeReport(values.json, json);
  }
  await writeReports(result, { junit: values.junit, html: values.html, markdown: values.markdown }, { out: human, env: io.env }, (s) => redactor.text(s));
  return exitCodeFor(result);
}


function splitLines(value: string | undefined): string[] {
  return (value ?? '').split(/\r?\n/).filter((l) => l.trim() !== '');
}

function headerOptions(raw: readonly string[], from = '--header'): [string, string][] {
  return raw.map((h) => {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new UsageError(`${from} takes 'Name: value', not "${from === '--header' ? h : h.slice(0, Math.max(colon, 0)) + '…'}"`);
    return [h.slice(0, colon).trim(), h.slice(colon + 1).trim()];
  });
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

async function listCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args, options: { profile: { type: 'string' }, json: { type: 'boolean' }, coverage: { type: 'boolean' } } });
  const profile = profileOf(values.profile);
  if (values.coverage) {
    // The sentence ledger (src/ledger/): loaded only here, so a run does not parse the renderer.
    const ledger = await import('../ledger/render.js');
    const docs = ledger.ledgerCoverage(values.profile === undefined ? undefined : profile.name);
    io.stdout.write(values.json ? ledger.renderCoverageJson(docs) : ledger.renderCoverageText(docs));
    return EXIT.ok;
  }
  const checks = catalogue(profile);
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ profile: profile.name, checks }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [`${profile.name}: ${profile.title}`, ''];
  for (const area of [...new Set(checks.map((c) => c.area))]) {
    lines.push(area);
    for (const c of checks.filter((x) => x.area === area)) {
      const tags = [c.requires.includes('apiKey') ? 'needs key' : '', c.requires.includes('restrictedKey') ? 'needs restricted key' : '', c.untestable ? 'untestable' : ''].filter(Boolean);
      lines.push(`  ${c.id.padEnd(11)} ${c.level.padEnd(6)} ${c.title}${tags.length ? `  [${tags.join(', ')}]` : ''}`);
    }
  }
  const by = (l: string) => checks.filter((c) => c.level === l).length;
  lines.push('', `${checks.length} checks: ${by('MUST')} MUST, ${by('SHOULD')} SHOULD, ${by('MAY')} MAY; ${checks.filter((c) => c.untestable).length} untestable, ${checks.filter((c) => c.requires.length).length} need a key`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

async function serveCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, profile: { type: 'string' } } });
  const profile = profileOf(values.profile);
  const port = intOption(values.port, 'port', 0, 0);
  if (port > 65535) throw new UsageError(`--port takes 0-65535 (0: any free port), not ${port}`);
  let server: Awaited<ReturnType<typeof profile.startReference>>;
  try {
    server = await profile.startReference({ port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${port} on 127.0.0.1 is already in use: choose another with --port, or --port 0 for a free one`);
    if (code === 'EACCES') throw new UsageError(`port ${port} needs privileges this process lacks: choose one above 1023, or --port 0 for a free one`);
    throw err;
  }
  const extra = Object.entries(server.extraEnv ?? {}).map(([name, value]) => `${name}=${value}\n`).join('');
  io.stdout.write(`${profile.name} reference server listening on ${server.url}\ntest key: ${server.apiKey}  (e.g. curl -H "Authorization: Bearer ${server.apiKey}" ${server.url}${profile.probe.path})\n${extra}Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) return resolve();
    io.signal?.addEventListener('abort', () => resolve(), { once: true });
    if (!io.signal) {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }
  });
  await server.close();
  return EXIT.ok;
}
