/** The whole run as one JSON document: a pure function of the RunResult. */
import type { RunResult } from '../src/core/types.js';
import { verdictOf } from './shared.js';

/** Bumped when a field of the document changes meaning or goes away (additions keep it). */
export const JSON_REPORT_SCHEMA_VERSION = 1;

export function renderJson(result: RunResult): string {
  const document = { schemaVersion: JSON_REPORT_SCHEMA_VERSION, verdict: verdictOf(result).headline, ...result };
  return `${JSON.stringify(document, null, 2)}\n`;
}
