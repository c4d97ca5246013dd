/** `conformance schema export`: the argument handling; the work is in src/contract/export.ts. */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { UsageError } from '../core/runner.js';
import { exportableProfiles, exportSchemas, type ExportFormat } from '../contract/export.js';
import type { CliIO } from './options.js';


export async function schemaCommand(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'export') {
    const what = sub === undefined ? 'missing schema command' : `unknown schema command "${sub}"`;
    throw new UsageError(`${what}. Usage: conformance schema export --out <dir> [--profile P] [--format json|yaml]`);
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      profile: { type: 'string', multiple: true },
      format: { type: 'string' },
    },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}": give the directory with --out <dir>`);
  if (!values.out) throw new UsageError('missing --out <dir>: the directory to write the OpenAPI documents and JSON Schemas to');
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'yaml') throw new UsageError(`--format takes json or yaml, not "${format}"`);
  const known = exportableProfiles();
  const profiles = (values.profile ?? []).flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean);
  for (const p of profiles) {
    if (!known.includes(p)) throw new UsageError(`unknown profile "${p}". Profiles with an OpenAPI document: ${known.join(', ')}`);
  }

  let written: string[];
  try {
    written = await exportSchemas({ out: values.out, profiles, format: format as ExportFormat });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    // A file-system refusal is the user's to fix (wrong --out); anything else is ours.
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new UsageError(`cannot write to ${values.out}: ${(err as Error).message}`);
    throw err;
  }
  for (const rel of written) io.stdout.write(`${path.join(values.out, ...rel.split('/'))}\n`);
  io.stderr.write(`conformance: wrote ${written.filter((f) => f.startsWith('openapi/')).length} OpenAPI document(s) and ${written.filter((f) => f.startsWith('schemas/')).length} JSON Schema(s) to ${values.out}\n`);
  return 0;
}
