/**
 * The command line, as a function: it takes argv and an IO bundle and returns the exit code.
 * Nothing here calls process.exit, so it runs in-process in tests exactly as from the shell.
 */
import { parseArgs } from 'node:util';
import { KEY_ENV, RESTRICTED_KEY_ENV } from '../core/engine.js';
import { Redactor } from '../core/redact.js';
import { UsageError } from '../core/runner.js';
import { catalogue } from '../profiles.js';
import { toolInfo } from '../version.js';
import { profileOf } from '../run.js';
import { terminalText } from '../../reports/encode.js';
import { boundText } from '../core/evidence.js';
import { COMMAND_HELP, HELP } from './help.js';
import { EXIT, HEADERS_ENV, intOption, splitLines, type CliIO } from './options.js';
import { runCommand } from './run-command.js';

export { EXIT, HEADERS_ENV, type CliIO } from './options.js';
export { colorWanted } from './run-command.js';

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
