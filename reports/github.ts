/**
 * GitHub Actions workflow commands: one annotation per failure (error when it gates, warning
 * otherwise), a warning per undecided check, a notice per known failure and per baseline entry
 * that now passes, a notice per absent optional behaviour, and the verdict first (an error unless
 * it is CONFORMS; a warning when whole areas went unchecked). Escaping follows the runner's rules, so server text cannot start a new command.
 */
import type { RunResult } from '../src/core/types.js';
import { ABSENT_NOTE, displayStatus, visibleControls } from './shared.js';
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

/** Message data: %, CR and LF are encoded; nothing else is special after the `::`. */
export function escapeData(s: string): string {
  return visibleControls(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also may not hold `:` or `,`, which delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
