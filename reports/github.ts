/**
 * GitHub Actions workflow commands: one annotation per failure (error when it gates, warning
 * otherwise), a warning per undecided check, a notice per known failure and per baseline entry
 * that now passes. Escaping follows the runner's rules only for what it decodes (%, CR, LF, and
 * `:` `,` in properties); that alone does not stop a command, so server text goes through
 * annotationData (reports/encode.ts), which also neutralises `::` and `##[`. The terminal report
 * on the same stream is encoded the same way (terminalText).
 */
import { gatingResults } from '../src/core/runner.js';
import type { RunResult } from '../src/core/types.js';
import { annotationData, annotationProperty } from './encode.js';
import { displayStatus } from './shared.js';
import { failureBlock } from './terminal.js';

export function renderAnnotations(result: RunResult): string {
  const lines: string[] = [];
  const add = (kind: 'error' | 'warning' | 'notice', title: string, message: string) =>
    lines.push(`::${kind} title=${escapeProperty(title)}::${escapeData(message)}`);
  if (result.unreachable) add('error', 'target unreachable', result.unreachable);
  const gating = new Set(gatingResults(result));
  for (const r of result.results) {
    const title = `${r.id} ${r.title}`;
    const block = failureBlock(r).join('\n');
    switch (displayStatus(r)) {
      case 'fail':
        add(gating.has(r) ? 'error' : 'warning', `${title} (${r.level})`, block);
        break;
      case 'error':
        add('warning', `${title} (could not decide)`, block);
        break;
      case 'known':
        add('notice', `${title} (known failure)`, `listed in ${result.baseline?.file ?? 'the baseline'}, so not gating\n${block}`);
        break;
      default:
    }
  }
  for (const id of result.baseline?.nowPassing ?? []) {
    add('notice', `${id} passes now`, `${id} is listed as a known failure in ${result.baseline!.file} but passes: remove it from the baseline`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** The encoders, under the names this module has always exported. */
export const escapeData = annotationData;
export const escapeProperty = annotationProperty;
