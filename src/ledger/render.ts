/** `conformance list --coverage`: the ledger per document, as text or JSON. */
import { PROFILES } from '../profiles.js';
import { SOURCE_URLS } from '../../suites/sources.js';
import { LEDGER } from '../../suites/ledger/index.js';
import { type DocumentLedger, effectiveChecks, type LedgerRow, REASON_KINDS, type ReasonKind, resolveDocument } from './ledger.js';

export interface DocumentCoverage {
  source: string;
  url: string;
  profile: string;
  statements: number;
  /** Statements a runnable check enforces directly. */
  checked: number;
  /** Statements with a reason, by kind (a `duplicate` of a checked statement is counted here too). */
  reasons: Record<ReasonKind, number>;
  /** Statements checked only in part (they have a `partly` note). */
  partly: number;
  /** Statements without checks of their own that repeat a checked one (`duplicate`). */
  throughDuplicate: number;
  rows: (LedgerRow & { via?: string[] })[];
}

export function documentCoverage(doc: DocumentLedger): DocumentCoverage {
  const rows = resolveDocument(doc, PROFILES[doc.profile]?.checks ?? []);
  const all = LEDGER.flatMap((d) => (d === doc ? rows : resolveDocument(d, PROFILES[d.profile]?.checks ?? [])));
  const byId = new Map(all.map((r) => [r.id, r]));
  const reasons = Object.fromEntries(REASON_KINDS.map((k) => [k, rows.filter((r) => !r.checks.length && r.reason?.kind === k).length])) as Record<ReasonKind, number>;
  const withVia = rows.map((r) => {
    const via = r.checks.length ? [] : effectiveChecks(r, byId);
    return via.length ? { ...r, via } : r;
  });
  return {
    source: doc.source,
    url: SOURCE_URLS[doc.source] ?? '',
    profile: doc.profile,
    statements: rows.length,
    checked: rows.filter((r) => r.checks.length).length,
    reasons,
    partly: rows.filter((r) => r.checks.length && r.partly).length,
    throughDuplicate: withVia.filter((r) => 'via' in r).length,
    rows: withVia,
  };
}

export function ledgerCoverage(profile?: string): DocumentCoverage[] {
  return LEDGER.filter((d) => !profile || d.profile === profile).map(documentCoverage);
}

function reasonSummary(d: DocumentCoverage): string {
  return REASON_KINDS.filter((k) => d.reasons[k]).map((k) => `${d.reasons[k]} ${k}`).join(', ');
}

export function renderCoverageText(docs: readonly DocumentCoverage[]): string {
  const lines: string[] = [];
  for (const d of docs) {
    const not = d.statements - d.checked;
    lines.push(`${d.source} (${d.profile}) ${d.url}`);
    const dup = d.throughDuplicate ? `; ${d.throughDuplicate} of them repeat a checked statement` : '';
    lines.push(`  ${d.statements} statements: ${d.checked} checked${d.partly ? ` (${d.partly} in part)` : ''}, ${not} not${not ? ` (${reasonSummary(d)}${dup})` : ''}`, '');
    for (const r of d.rows) {
      lines.push(`  ${r.id.padEnd(8)} [${r.section}] ${r.text}`);
      if (r.checks.length) lines.push(`           checked by ${r.checks.join(', ')}${r.partly ? `; in part: ${r.partly}` : ''}`);
      if (r.reason) {
        const of = r.reason.of ? ` ${r.reason.of}${r.via?.length ? ` (checked by ${r.via.join(', ')})` : ''}` : '';
        lines.push(`           ${r.reason.kind}${of}: ${r.reason.why}`);
      }
      if (r.untestable.length) lines.push(`           untestable check: ${r.untestable.join(', ')}`);
    }
    lines.push('');
  }
  const total = docs.reduce((n, d) => n + d.statements, 0);
  const checked = docs.reduce((n, d) => n + d.checked, 0);
  const dup = docs.reduce((n, d) => n + d.throughDuplicate, 0);
  lines.push(`${total} statements in ${docs.length} documents: ${checked} checked, ${total - checked} with a recorded reason (${dup} of them repeat a checked statement)`);
  return `${lines.join('\n')}\n`;
}

export function renderCoverageJson(docs: readonly DocumentCoverage[]): string {
  return `${JSON.stringify({ documents: docs }, null, 2)}\n`;
}
