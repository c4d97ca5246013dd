/**
 * The one call the CLI makes after a run: writes the requested report files and, inside GitHub
 * Actions, prints annotations and appends the Markdown summary to the job summary. Every output
 * passes through `redact` as well, a last line of defence behind the already-redacted RunResult.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../src/core/runner.js';
import type { RunResult } from '../src/core/types.js';
import { renderAnnotations } from './github.js';
import { renderHtml } from './html.js';
import { renderJUnit } from './junit.js';
import { renderMarkdown } from './markdown.js';

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

export async function writeReports(result: RunResult, files: ReportFiles, io: ReportIO, redact: (s: string) => string = (s) => s): Promise<void> {
  const writers: [string | undefined, (r: RunResult) => string][] = [
    [files.junit, renderJUnit],
    [files.html, renderHtml],
    [files.markdown, renderMarkdown],
  ];
  for (const [file, render] of writers) {
    if (file !== undefined) await write(file, redact(render(result)), writeFile);
  }
  if (io.env.GITHUB_ACTIONS !== 'true') return;
  io.out.write(redact(renderAnnotations(result)));
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary) await write(summary, `${redact(renderMarkdown(result))}\n`, appendFile);
}

async function write(file: string, content: string, how: typeof writeFile | typeof appendFile): Promise<void> {
  try {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await how(file, content);
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as Error).message}`);
  }
}
