/**
 * The command line, as a function: it takes argv and an IO bundle and returns the exit code.
 * Nothing here calls process.exit, so it runs in-process in tests exactly as from the shell.
 */
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { createUndiciClient, type HttpClient } from '../core/http.js';
import { Engine, KEY_ENV, RESTRICTED_KEY_ENV, RESTRICTED_MODELS_ENV } from '../core/engine.js';
import { Redactor } from '../core/redact.js';
import { exitCodeFor, runSuite, selectChecks, UsageError } from '../core/runner.js';
import { PROFILES, profileNames, type Profile, type ReferenceHandle } from '../profiles.js';
import { toolInfo } from '../version.js';
import { progressLine, renderTerminal } from '../../reports/terminal.js';
import { renderJson } from '../../reports/json.js';
import { openBaseline, writeReports } from '../../reports/index.js';
import { neutraliseCommands, noLegacyCommand, terminalText } from '../../reports/encode.js';
import { boundText } from '../core/evidence.js';
import type { CheckDefinition } from '../core/types.js';
import { detectProfile } from '../detect.js';
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

export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3 } as const;

const HELP = `conformance — check a model-listing API against its documentation

Usage:
  conformance run <base-url> [options]     check a server (paths are appended to <base-url>)
  conformance run --reference [options]    check the embedded reference server
  conformance list [--profile P] [--json]  print the check catalogue without running anything
  conformance serve [--port N]             run the reference server on 127.0.0.1 until Ctrl-C
${SCHEMA_HELP}
Run options:
  --profile <name>        ${profileNames().join(' | ')} | auto (default nanogpt; auto probes the target and says what it chose)
  --json <file|->         write the whole run as JSON (- = stdout; the terminal report then goes to stderr)
  --junit <file>          write JUnit XML for CI test reporters (one testcase per check, a suite per area)
  --html <file>           write one self-contained HTML page (filters, evidence, documentation quotes)
  --markdown <file>       write a Markdown summary (pull-request comment, CI job summary)
  --baseline <file>       known failures: the failing checks it lists do not gate, new failures do
  --update-baseline       write this run's failures to the --baseline file (then gate against it)
  --only <ids>            run only these check ids or id prefixes (comma-separated, repeatable)
  --skip <ids>            leave out these ids or prefixes
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
  --no-color              no ANSI colours (also: NO_COLOR)
  --api-key <key>         a valid key (prefer ${KEY_ENV}: flags show in process lists)

Keys come from the environment: ${KEY_ENV}=<key>. The codex-lb filtering checks also take
${RESTRICTED_KEY_ENV} (a key with allowed_models) and
${RESTRICTED_MODELS_ENV} (the ids it should see). Keys are sent only to the target's
origin (redirects to another origin are never followed) and are redacted from every output.

In GitHub Actions (GITHUB_ACTIONS=true) failures are also printed as annotations, and the
Markdown summary is appended to $GITHUB_STEP_SUMMARY when that is set.

Exit status: 0 conforms · 1 a MUST check failed or could not be decided (--strict: SHOULD too)
             2 usage or configuration error · 3 target unreachable
`;

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
    if (command === 'run') return await runCommand(rest, io);
    if (command === 'list') return listCommand(rest, io);
    if (command === 'serve') return await serveCommand(rest, io);
    if (command === 'schema') return await (await import('./schema.js')).schemaCommand(rest, io);
    throw new UsageError(`unknown command "${command}". Commands: run, list, serve, schema (see conformance --help)`);
  } catch (err) {
    // Redacted: a message can quote an argument or something a server sent.
    const redact = (s: string) => new Redactor([io.env[KEY_ENV], io.env[RESTRICTED_KEY_ENV], argValue(argv, '--api-key')]).text(s);
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

function profileOf(name: string | undefined): Profile {
  const profile = PROFILES[name ?? 'nanogpt'];
  if (!profile) throw new UsageError(`unknown profile "${name}". Choose one of: ${profileNames().join(', ')}${name === 'auto' ? ' (auto works only with run <base-url>)' : ''}`);
  return profile;
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
  // --profile auto: the profile is chosen after probing the target (src/detect.ts).
  if (values.profile === 'auto' && values.reference) throw new UsageError('--profile auto probes a base URL; with --reference name the profile: ' + profileNames().join(', '));
  let profile: Profile | undefined = values.profile === 'auto' ? undefined : profileOf(values.profile);
  const only = listOption(values.only);
  const skip = listOption(values.skip);
  let checks: CheckDefinition[] = selectChecks(profile?.checks ?? Object.values(PROFILES).flatMap((p) => p.checks), only, skip);
  if (positionals.length > 1) throw new UsageError(`one base URL expected, got ${positionals.length}: ${positionals.join(' ')}`);
  if (values.reference && positionals.length) throw new UsageError('give either a base URL or --reference, not both');
  if (!values.reference && !positionals[0]) throw new UsageError('missing <base-url>: conformance run https://your-server.example (or --reference to try the embedded reference server)');
  let baseline = profile && (await openBaseline(values.baseline, Boolean(values['update-baseline']), profile.name));

  const opts = {
    timeoutMs: intOption(values.timeout, 'timeout', 10_000),
    maxTimeMs: intOption(values['max-time'], 'max-time', 120_000),
    maxBodyBytes: intOption(values['max-body-size'], 'max-body-size', 50 * 1024 * 1024),
    retries: intOption(values.retries, 'retries', 2, 0),
    maxRetryWaitMs: intOption(values['max-retry-wait'], 'max-retry-wait', 30_000, 0),
    concurrency: intOption(values.concurrency, 'concurrency', 8),
    rateLimit: numberOption(values['rate-limit'], 'rate-limit', 0),
    maxRequests: intOption(values['max-requests'], 'max-requests', 1000),
  };
  const jsonToStdout = values.json === '-';
  const human = jsonToStdout ? io.stderr : io.stdout;
  const color = !values['no-color'] && !io.env.NO_COLOR && Boolean(human.isTTY);

  let reference: ReferenceHandle | undefined;
  let apiKey: string | undefined;
  let target: string;
  if (values.reference) {
    reference = await profile!.startReference({});
    target = reference.url;
    apiKey = reference.apiKey;
    io.stderr.write(`conformance: started the ${profile!.name} reference server at ${target} (its test key${reference.extraEnv ? 's are' : ' is'} used)\n`);
  } else {
    target = normaliseBaseUrl(positionals[0]!);
    apiKey = values['api-key'] ?? io.env[KEY_ENV] ?? undefined;
    if (values['api-key']) io.stderr.write(`conformance: warning: --api-key shows in process lists and shell history; prefer ${KEY_ENV}\n`);
    if (apiKey === '') apiKey = undefined;
  }

  if (values.insecure && !values.reference) io.stderr.write('conformance: warning: --insecure: the TLS certificate is not verified; a key sent to this target could be read by anyone in the middle\n');
  const client = io.httpClient ?? createUndiciClient({ connections: opts.concurrency, insecure: values.insecure });
  // A reference server brings its own extra settings (e.g. codex-lb's restricted key) in place of the environment.
  const extraEnv: Record<string, string | undefined> = values.reference ? (reference?.extraEnv ?? {}) : io.env;
  const engine = new Engine({
    baseUrl: target,
    apiKey,
    extraSecrets: { restricted: extraEnv[RESTRICTED_KEY_ENV] || undefined },
    settings: Object.fromEntries(Object.values(PROFILES).flatMap((p) => p.settings ?? []).map((name) => [name, extraEnv[name]])),
    client,
    timeoutMs: opts.timeoutMs,
    maxBodyBytes: opts.maxBodyBytes,
    retries: opts.retries,
    maxRetryWaitMs: opts.maxRetryWaitMs,
    maxRequests: opts.maxRequests,
    rateLimit: opts.rateLimit,
    deadline: Date.now() + opts.maxTimeMs,
    userAgent: `${toolInfo().name}/${toolInfo().version}`,
  });
  const showProgress = Boolean(io.stderr.isTTY) && !values.quiet;
  try {
    if (!profile) {
      const detection = await detectProfile(engine);
      profile = PROFILES[detection.profile]!;
      // Server text (a probe's error) can be in the reason: redacted, cut, and redacted again (a cut key).
      const reason = engine.redactor.text(boundText(engine.redactor.text(detection.reason)));
      io.stderr.write(`conformance: --profile auto chose ${profile.name}: ${terminalText(reason)}\n`);
      checks = selectChecks(profile.checks, only, skip);
    }
    baseline ||= await openBaseline(values.baseline, Boolean(values['update-baseline']), profile.name);
    const run = await runSuite({
      profile: profile.name,
      checks,
      probe: profile.probe,
      engine,
      target: engine.redactor.text(target),
      tool: toolInfo(),
      strict: Boolean(values.strict),
      only,
      skip,
      onResult: showProgress ? (r, done, total) => io.stderr.write(`\r${progressLine(r, done, total)}\u001b[K`) : undefined,
    });
    if (showProgress) io.stderr.write('\r\u001b[K');
    const result = await baseline.settle(run);
    // Redacted once more, as every report (writeReports), and no line of it a workflow command
    // (the terminal report has none of its own): a last line of defence behind terminalText.
    human.write(neutraliseCommands(engine.redactor.text(renderTerminal(result, { color, verbose: !values.quiet }))));
    if (values.json !== undefined) {
      const json = noLegacyCommand(engine.redactor.text(renderJson(result)));
      if (jsonToStdout) io.stdout.write(json);
      else await writeReport(values.json, json);
    }
    await writeReports(result, { junit: values.junit, html: values.html, markdown: values.markdown }, { out: human, env: io.env }, (s) => engine.redactor.text(s));
    return exitCodeFor(result);
  } finally {
    await client.close();
    await reference?.close();
  }
}

async function writeReport(file: string, content: string): Promise<void> {
  try {
    // Synchronous, as every report write: once per run, and node:fs/promises takes ~4 ms to load.
    writeFileSync(file, content);
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as Error).message}`);
  }
}

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`"${raw}" is not a URL: give the server's base URL, e.g. http://127.0.0.1:8080 or https://nano-gpt.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`the base URL must be http:// or https://, not ${url.protocol}`);
  if (url.username || url.password) throw new UsageError(`put no credentials in the URL: pass the key in ${KEY_ENV}`);
  if (url.search || url.hash) throw new UsageError('the base URL takes no query string or fragment');
  return url.href.replace(/\/+$/, '');
}

function listCommand(args: string[], io: CliIO): number {
  const { values } = parseArgs({ args, options: { profile: { type: 'string' }, json: { type: 'boolean' } } });
  const profile = profileOf(values.profile);
  const catalogue = profile.checks.map(({ id, title, level, area, reference, requires, untestable }) => ({
    id, title, level, area, reference, requires: requires ?? [], ...(untestable ? { untestable } : {}),
  }));
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ profile: profile.name, checks: catalogue }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [`${profile.name}: ${profile.title}`, ''];
  for (const area of [...new Set(catalogue.map((c) => c.area))]) {
    lines.push(area);
    for (const c of catalogue.filter((x) => x.area === area)) {
      const tags = [c.requires.includes('apiKey') ? 'needs key' : '', c.requires.includes('restrictedKey') ? 'needs restricted key' : '', c.untestable ? 'untestable' : ''].filter(Boolean);
      lines.push(`  ${c.id.padEnd(11)} ${c.level.padEnd(6)} ${c.title}${tags.length ? `  [${tags.join(', ')}]` : ''}`);
    }
  }
  const by = (l: string) => catalogue.filter((c) => c.level === l).length;
  lines.push('', `${catalogue.length} checks: ${by('MUST')} MUST, ${by('SHOULD')} SHOULD, ${by('MAY')} MAY; ${catalogue.filter((c) => c.untestable).length} untestable, ${catalogue.filter((c) => c.requires.length).length} need a key`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

async function serveCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, profile: { type: 'string' } } });
  const profile = profileOf(values.profile);
  const port = intOption(values.port, 'port', 0, 0);
  const server = await profile.startReference({ port });
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
