/** The whole run as one JSON document: a pure function of the RunResult. */
import type { RunResult } from '../src/core/types.js';
import { jsonText } from './encode.js';

/** Bumped when a field of the document changes meaning or goes away (additions keep it). */
export const JSON_REPORT_SCHEMA_VERSION = 1;

export function renderJson(result: RunResult): string {
  // `verdict` (headline, detail, exit code) is part of the RunResult, so the document carries it as is.
  const document = { schemaVersion: JSON_REPORT_SCHEMA_VERSION, ...result };
  return `${jsonText(JSON.stringify(document, null, 2))}\n`;
}
