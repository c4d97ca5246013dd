/**
 * Every deliberate break names what it breaks: `rule` is a statement of its profile's documents
 * (suites/ledger/) and every id in `kills` is a check of that profile.
 */
import { describe, expect, it } from 'vitest';
import { MATRIX_TARGETS } from '../src/reference/matrix.js';
import { PROFILES } from '../src/profiles.js';
import { ledgerFor } from '../suites/ledger/index.js';

for (const [profile, load] of Object.entries(MATRIX_TARGETS)) {
  describe(`the ${profile} breaks`, async () => {
    const { breaks } = await load();
    const statements = new Set(ledgerFor(profile).flatMap((d) => d.statements.map((s) => s.id)));
    const checks = new Set(PROFILES[profile]!.checks.map((c) => c.id));

    it('each name a ledger statement of the profile as their rule', () => {
      expect(statements.size).toBeGreaterThan(0);
      const unknown = Object.entries(breaks).filter(([, b]) => !statements.has(b.rule)).map(([name, b]) => `${name}: ${String(b.rule)}`);
      expect(unknown).toEqual([]);
    });

    it('each kill only checks of the profile', () => {
      const unknown = Object.entries(breaks).flatMap(([name, b]) => (b.kills.length ? b.kills : ['(none)']).filter((id) => !checks.has(id)).map((id) => `${name}: ${id}`));
      expect(unknown).toEqual([]);
    });
  });
}
