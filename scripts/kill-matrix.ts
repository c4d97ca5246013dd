/**
 * npm run kill-matrix [-- --profile nanogpt] [--json] [--break NAME]
 * Prints the kill matrix of each profile that has broken variants; exits 1 if a variant survives,
 * a variant makes a check error, or the reference fails anything; 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import { MATRIX_TARGETS, formatMatrix, runKillMatrix, summarizeMatrix } from '../src/reference/matrix.js';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { profile: { type: 'string', multiple: true }, break: { type: 'string', multiple: true }, json: { type: 'boolean' } } }));
  } catch (err) {
    process.stderr.write(`kill-matrix: ${(err as Error).message}\n`);
    return 2;
  }
  const profiles = values.profile ?? Object.keys(MATRIX_TARGETS);
  const unknown = profiles.filter((p) => !(p in MATRIX_TARGETS));
  if (unknown.length) {
    process.stderr.write(`kill-matrix: no broken variants for profile(s) ${unknown.join(', ')}; known: ${Object.keys(MATRIX_TARGETS).join(', ')}\n`);
    return 2;
  }
  let ok = true;
  const results = [];
  for (const profile of profiles) {
    const m = await runKillMatrix(profile, { only: values.break });
    ok &&= summarizeMatrix(m).ok;
    results.push({ ...m, verdict: summarizeMatrix(m) });
    if (!values.json) process.stdout.write(`${formatMatrix(m)}\n`);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`kill-matrix: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
