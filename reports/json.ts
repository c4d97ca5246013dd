/** The whole run as one JSON document: a pure function of the RunResult. */
import type { RunResult } from '../src/core/types.js';

export function renderJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
