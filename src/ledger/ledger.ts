/**
 * The sentence ledger: every normative statement of every pinned source document, with the checks
 * that enforce it or the recorded reason why none does. The data is in suites/ledger/ (one file
 * per document, statement text quoted verbatim, so the ledger works from the installed package,
 * which does not ship docs/sources/).
 *
 * A check maps itself: it enforces every statement of its reference's document whose text contains
 * its reference quote, or which its quote contains whole (a quote spanning two statements), with
 * whitespace collapsed. A statement's `checks` lists the checks that enforce it beyond that (a check
 * quoting a heading, or a twin statement in another document).
 */
import type { CheckDefinition, CheckResult, LedgerCoverage, Reference } from '../core/types.js';

/** Why no check enforces a statement. A small fixed set, so the reasons can be counted. */
export type ReasonKind =
  /** A promise a client could observe, but no check decides it yet: a known gap. */
  | 'gap'
  /** Decidable only inside the server (account settings, private usage data, internal rules). */
  | 'server-internal'
  /** Not a promise: describes, motivates or advises the reader. */
  | 'descriptive'
  /** About another endpoint or operation than listing models (providers, embeddings, delete, ...). */
  | 'out-of-scope'
  /** The same promise as another statement (`of`), which carries the checks. */
  | 'duplicate'
  /** Contradicted by another statement (`of`); docs/rulings.md rules for that one, which is checked. */
  | 'overruled'
  /** An example (sample values, a sample request) that promises nothing the other statements do not. */
  | 'example';

export const REASON_KINDS: readonly ReasonKind[] = ['gap', 'server-internal', 'descriptive', 'out-of-scope', 'duplicate', 'overruled', 'example'];

export interface Reason {
  kind: ReasonKind;
  /** One line: why no check enforces it (for `gap`, what a check would have to do). */
  why: string;
  /** For `duplicate` and `overruled`: the id of the other statement. */
  of?: string;
}

export interface Statement {
  /** Stable id, e.g. `ngm.12`: the document's prefix and a number, never reused. */
  id: string;
  /** The section heading it appears under, as in the document. */
  section: string;
  /** The statement, quoted verbatim from the document (whitespace may differ). */
  text: string;
  /** Checks enforcing it beyond those whose reference quote it contains. */
  checks?: readonly string[];
  /** Why no check enforces it. Present exactly when no runnable check maps to it. */
  none?: Reason;
  /** Checked, but only in part: which part no check decides, and why. */
  partly?: string;
}

export interface DocumentLedger {
  /** The file in docs/sources/, as check references name it. */
  source: string;
  /** The profile whose checks enforce this document. */
  profile: string;
  statements: readonly Statement[];
}

/** One statement with its mapping resolved against a check catalogue. */
export interface LedgerRow {
  id: string;
  section: string;
  text: string;
  /** Runnable checks that enforce it (auto-mapped by quote, then the explicit ones). */
  checks: string[];
  /** Mapped checks that are declared untestable: they run as `skip`, so they enforce nothing. */
  untestable: string[];
  reason?: Reason;
  partly?: string;
}

type CheckLike = Pick<CheckDefinition, 'id' | 'reference'> & { untestable?: string };

/** Reason constructors, so the ledger files read as data. */
export const gap = (why: string): Reason => ({ kind: 'gap', why });
export const internal = (why: string): Reason => ({ kind: 'server-internal', why });
export const descriptive = (why: string): Reason => ({ kind: 'descriptive', why });
export const outOfScope = (why: string): Reason => ({ kind: 'out-of-scope', why });
export const duplicate = (of: string, why = 'the same promise'): Reason => ({ kind: 'duplicate', why, of });
export const overruled = (of: string, why: string): Reason => ({ kind: 'overruled', why, of });
export const example = (why: string): Reason => ({ kind: 'example', why });

export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Does this check's reference quote land in this statement of this document (or span all of it)? */
export function quotes(reference: Reference, source: string, statementText: string): boolean {
  return reference.source === source && overlaps(normalise(reference.quote), normalise(statementText));
}

function overlaps(quote: string, text: string): boolean {
  return text.includes(quote) || quote.includes(text);
}

/** Resolves one document's statements against the catalogue of its profile. */
export function resolveDocument(doc: DocumentLedger, catalogue: readonly CheckLike[]): LedgerRow[] {
  const byId = new Map(catalogue.map((c) => [c.id, c]));
  const quoting = catalogue.filter((c) => c.reference.source === doc.source).map((c) => ({ id: c.id, quote: normalise(c.reference.quote) }));
  return doc.statements.map((s) => {
    const text = normalise(s.text);
    const auto = quoting.filter((c) => overlaps(c.quote, text)).map((c) => c.id);
    const ids = [...new Set([...auto, ...(s.checks ?? [])])];
    const runnable = ids.filter((id) => byId.has(id) && !byId.get(id)!.untestable);
    const untestable = ids.filter((id) => byId.get(id)?.untestable);
    return { id: s.id, section: s.section, text, checks: runnable, untestable, ...(s.none ? { reason: s.none } : {}), ...(s.partly ? { partly: s.partly } : {}) };
  });
}

/** Check ids a statement's runnable checks come down to, following `duplicate` to the statement it repeats. */
export function effectiveChecks(row: LedgerRow, rowsById: ReadonlyMap<string, LedgerRow>, seen = new Set<string>()): string[] {
  if (row.checks.length || row.reason?.kind !== 'duplicate' || !row.reason.of || seen.has(row.id)) return row.checks;
  seen.add(row.id);
  const target = rowsById.get(row.reason.of);
  return target ? effectiveChecks(target, rowsById, seen) : [];
}

/**
 * How many of the statements a run's documents make were decided (pass or fail) by at least one
 * check of this run, following duplicates. `checked`: statements some check of the catalogue enforces.
 */
export function coverageOf(docs: readonly DocumentLedger[], catalogue: readonly CheckLike[], results: readonly Pick<CheckResult, 'id' | 'status'>[]): LedgerCoverage {
  const decidedIds = new Set(results.filter((r) => r.status === 'pass' || r.status === 'fail').map((r) => r.id));
  const rows = docs.flatMap((d) => resolveDocument(d, catalogue));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const effective = rows.map((r) => effectiveChecks(r, byId));
  return {
    documents: docs.map((d) => d.source),
    statements: rows.length,
    checked: effective.filter((ids) => ids.length > 0).length,
    decided: effective.filter((ids) => ids.some((id) => decidedIds.has(id))).length,
  };
}
