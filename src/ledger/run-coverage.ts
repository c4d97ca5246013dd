/** The ledger coverage of one run, for the RunResult (a profile without ledger documents has none). */
import type { CheckResult, LedgerCoverage } from '../core/types.js';
import { PROFILES } from '../profiles.js';
import { ledgerFor } from '../../suites/ledger/index.js';
import { coverageOf } from './ledger.js';

export function runCoverage(profile: string, results: readonly CheckResult[]): LedgerCoverage | undefined {
  const docs = ledgerFor(profile);
  const catalogue = PROFILES[profile]?.checks;
  return docs.length && catalogue ? coverageOf(docs, catalogue, results) : undefined;
}
