/** The whole run as one JSON document: a pure function of the RunResult. */
import type { RunResult } from '../src/core/types.js';
import { jsonText } from './encode.js';

export function renderJson(result: RunResult): string {
  return `${jsonText(JSON.stringify(result, null, 2))}\n`;
}
