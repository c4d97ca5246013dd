/**
 * The one call the CLI makes after a run: writes the requested report files and, inside GitHub
 * Actions, prints annotations and appends the Markdown summary to the job summary. Every output
 * passes through `redact` as well, a last line of defence behind the already-redacted RunResult.
 */
import { accessSync, appendFileSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../src/core/runner.js';
import type { RunResult } from '../src/core/types.js';
import { noLegacyCommand } from './encode.js';

export { openBaseline } from './baseline.js';

export interface ReportFiles {
  junit?: string;
  html?: string;
  markdown?: string;
}

export interface ReportIO {
  /** Where annotations go: stdout, or the human stream when stdout carries JSON. */
  out: { write(s: string): unknown };
  /** GITHUB_ACTIONS and GITHUB_STEP_SUMMARY are read from here, never from process.env. */
  env: Record<string, string | undefined>;
}

/** Writers load only when asked for: a plain run imports none of them. */
const renderers = {
  junit: async () => (await import('./junit.js')).renderJUnit,
  html: async () => (await import('./html.js')).renderHtml,
  markdown: async () => (await import('./markdown.js')).renderMarkdown,
};

export async function writeReports(result: RunResult, files: ReportFiles, io: ReportIO, redact: (s: string) => string = (s) => s): Promise<void> {
  for (const kind of ['junit', 'html', 'markdown'] as const) {
    const file = files[kind];
    if (file !== undefined) write(file, redact((await renderers[kind]())(result)), writeFileSync);
  }
  if (io.env.GITHUB_ACTIONS !== 'true') return;
  const { renderAnnotations } = await import('./github.js');
  io.out.write(noLegacyCommand(redact(renderAnnotations(result))));
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary) write(summary, `${redact((await renderers.markdown())(result))}\n`, appendFileSync);
}

/** Synchronous: once per run, and node:fs/promises takes ~4 ms to load (docs/performance.md). */
function write(file: string, content: string, how: typeof writeFileSync | typeof appendFileSync): void {
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    how(file, content);
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as Error).message}`);
  }
}

/**
 * Before the first request: each report's folder is created and the path proven writable, so a
 * mistyped path costs a usage error now, not a whole run that then writes nothing.
 */
export function prepareReportPaths(files: readonly (string | undefined)[]): void {
  for (const file of files) {
    if (file === undefined) continue;
    try {
      const full = path.resolve(file);
      mkdirSync(path.dirname(full), { recursive: true });
      const existing = statSync(full, { throwIfNoEntry: false });
      if (existing?.isDirectory()) throw new Error('it is a directory');
      accessSync(existing ? full : path.dirname(full), constants.W_OK);
    } catch (err) {
      throw new UsageError(`cannot write ${file}: ${(err as Error).message}`);
    }
  }
}
