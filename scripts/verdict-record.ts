/**
 * npm run verdict-record [-- --out FILE]
 * Every check's status on every surface the kill matrix knows: each profile's reference with its
 * keys and without, and every broken variant with the keys. One line per check,
 * `profile variant keys check status`, sorted, so two records diff line by line. Used to show that a
 * refactoring changed no verdict (docs/verification.md, "Records").
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MATRIX_TARGETS, runProfile } from '../src/reference/matrix.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });

const lines: string[] = [];
for (const [profile, load] of Object.entries(MATRIX_TARGETS)) {
  const target = await load();
  const runs: { variant: string; breaks: string[]; keyed: boolean }[] = [
    { variant: 'reference', breaks: [], keyed: true },
    { variant: 'reference', breaks: [], keyed: false },
    ...Object.keys(target.breaks).map((name) => ({ variant: name, breaks: [name], keyed: true })),
  ];
  for (const run of runs) {
    const server = await target.start(run.breaks);
    try {
      const keys = run.keyed ? { apiKey: server.apiKey, extraEnv: server.extraEnv } : {};
      const result = await runProfile(profile, server.url, keys);
      for (const r of result.results) lines.push(`${profile} ${run.variant} ${run.keyed ? 'keyed' : 'keyless'} ${r.id} ${r.status}`);
    } finally {
      await server.close();
    }
  }
}
lines.sort();
const text = `${lines.join('\n')}\n`;
if (values.out) writeFileSync(values.out, text);
else process.stdout.write(text);
process.stderr.write(`verdict-record: ${lines.length} lines\n`);
