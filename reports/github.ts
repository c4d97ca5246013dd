/**
 * GitHub Actions workflow commands: one annotation per failure (error when it gates, warning
 * otherwise), a warning per undecided check, a notice per known failure and per baseline entry
 * that now passes, a notice per absent optional behaviour, and the verdict first (an error unless
 * it is CONFORMS; a warning when whole areas went unchecked). Escaping follows the runner's rules only for what it decodes (%, CR, LF, and
 * `:` `,` in properties); that alone does not stop a command, so server text goes through
 * annotationData (reports/encode.ts), which also neutralises `::` and `##[`. The terminal report
 * on the same stream is encoded the same way (terminalText).
 */
import type { RunResult } from '../src/core/types.js';
import { annotationData, annotationProperty } from './encode.js';
import { ABSENT_NOTE, displayStatus } from './shared.js';
import { failureBlock } from './terminal.js';

export function renderAnnotations(result: RunResult): string {
  const lines: string[] = [];
  const add = (kind: 'error' | 'warning' | 'notice', title: string, message: string) =>
    lines.push(`::${kind} title=${escapeProperty(title)}::${escapeData(message)}`);
  if (result.unreachable) add('error', 'target unreachable', result.unreachable);
  const v = result.verdict;
  if (!result.unreachable) add(v.conforms ? (v.unchecked.length ? 'warning' : 'notice') : 'error', `conformance verdict: ${v.headline}`, v.detail);
  const gating = new Set(v.gating);
  for (const r of result.results) {
    const title = `${r.id} ${r.title}`;
    const block = failureBlock(r).join('\n');
    switch (displayStatus(r)) {
      case 'fail':
        add(gating.has(r.id) ? 'error' : 'warning', `${title} (${r.level})`, block);
        break;
      case 'error':
        add('warning', `${title} (could not decide)`, block);
        break;
      case 'absent':
        add('notice', `${title} (${r.level}, absent)`, `${ABSENT_NOTE}\n${r.message}`);
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
