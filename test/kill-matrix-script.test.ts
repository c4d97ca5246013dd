/** `npm run kill-matrix` as a real process, and the verdict it exits with. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/contract/schemas.js';
import { formatMatrix, MATRIX_TARGETS, summarizeMatrix, type MatrixResult } from '../src/reference/matrix.js';

const execFileP = promisify(execFile);
const root = packageRoot();
const TSX = path.join(root, 'node_modules/.bin/tsx');
const SCRIPT = path.join(root, 'scripts/kill-matrix.ts');

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileP(TSX, [SCRIPT, ...args], { cwd: root, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('scripts/kill-matrix.ts', () => {
  it('prints every variant of every profile with its intended kill, a clean reference and a 100% kill rate, and exits 0', async () => {
    const { code, stdout, stderr } = await run([]);
    expect(stderr).not.toMatch(/Error/);
    expect(code).toBe(0);
    const sections = stdout.split(/^(?=Kill matrix · )/m).filter(Boolean);
    expect(sections.map((s) => /profile (\S+)/.exec(s)?.[1])).toEqual(Object.keys(MATRIX_TARGETS));
    for (const [i, load] of Object.values(MATRIX_TARGETS).entries()) {
      const section = sections[i]!;
      const names = Object.keys((await load()).breaks);
      expect(section).toContain(`Kill rate: ${names.length}/${names.length} (100%)`);
      expect(section).toMatch(/reference \(with key\): \d+ checks, 0 failed, 0 errors/);
      expect(section).toMatch(/reference \(no key\): \d+ checks, 0 failed, 0 errors/);
      for (const name of names) expect(section).toMatch(new RegExp(`^${name} +✓`, 'm'));
      expect(section).not.toMatch(/✗[A-Z]|^(SURVIVORS|ERRORS|REFERENCE FAILS)/m);
    }
  }, 150_000);

  it('--profile runs one profile; --json gives the rows and the verdict', async () => {
    const { code, stdout } = await run(['--profile', 'nanogpt', '--break', 'created-ms', '--json']);
    expect(code).toBe(0);
    const [m] = JSON.parse(stdout) as (MatrixResult & { verdict: { rate: number } })[];
    expect(m!.profile).toBe('nanogpt');
    expect(m!.variants.map((v) => [v.name, v.failing.includes('NG-LIST-04')])).toEqual([['created-ms', true]]);
    expect(m!.verdict.rate).toBe(100);
  }, 60_000);

  it('exits 2 for a profile without broken variants', async () => {
    const { code, stderr } = await run(['--profile', 'no-such-profile']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no broken variants for profile\(s\) no-such-profile; known: nanogpt/);
  }, 60_000);
});

describe('the matrix verdict', () => {
  const base: MatrixResult = {
    profile: 'p',
    reference: [{ keyGiven: true, checks: 3, failing: [], errors: [] }],
    variants: [
      { name: 'caught', description: '', kills: ['A-01'], failing: ['A-01', 'A-02'], missed: [], errors: [] },
      { name: 'survivor', description: '', kills: ['A-03'], failing: [], missed: ['A-03'], errors: [] },
    ],
    durationMs: 10,
  };

  it('is not ok when a variant survives, and the text marks the miss', () => {
    const v = summarizeMatrix(base);
    expect(v).toMatchObject({ killed: 1, total: 2, rate: 50, survivors: ['survivor'], ok: false });
    const text = formatMatrix(base);
    expect(text).toMatch(/^caught +✓A-01 \+A-02$/m);
    expect(text).toMatch(/^survivor +✗A-03$/m);
    expect(text).toContain('SURVIVORS (no intended check failed them): survivor');
    expect(text).toContain('Kill rate: 1/2 (50%)');
  });

  it('is not ok when the reference fails or a variant makes a check error', () => {
    expect(summarizeMatrix({ ...base, variants: [base.variants[0]!], reference: [{ keyGiven: false, checks: 3, failing: ['A-02'], errors: [] }] })).toMatchObject({ ok: false, referenceFailures: ['A-02'], rate: 100 });
    expect(summarizeMatrix({ ...base, variants: [{ ...base.variants[0]!, errors: ['A-04'] }] })).toMatchObject({ ok: false, erroring: ['caught'] });
    expect(summarizeMatrix({ ...base, variants: [base.variants[0]!] }).ok).toBe(true);
  });
});
