// The action's run step (action.yml): runs the CLI with every report into the reports folder,
// then turns the JSON report into step outputs. The CLI itself prints the annotations and appends
// the Markdown summary to $GITHUB_STEP_SUMMARY (GITHUB_ACTIONS=true). Exits with the CLI's status.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).bin.conformance);
const env = process.env;
const reports = env.CONFORMANCE_ACTION_REPORTS || 'conformance-reports';
const json = path.join(reports, 'run.json');

const args = ['run', env.CONFORMANCE_ACTION_URL ?? '', '--profile', env.CONFORMANCE_ACTION_PROFILE || 'nanogpt', '--json', json,
  '--junit', path.join(reports, 'junit.xml'), '--html', path.join(reports, 'report.html'), '--markdown', path.join(reports, 'summary.md')];
if (env.CONFORMANCE_ACTION_BASELINE) args.push('--baseline', env.CONFORMANCE_ACTION_BASELINE);
if (env.CONFORMANCE_ACTION_STRICT === 'true') args.push('--strict');
else if (env.CONFORMANCE_ACTION_STRICT && env.CONFORMANCE_ACTION_STRICT !== 'false') {
  process.stdout.write(`::error title=conformance action::strict takes true or false, not ${JSON.stringify(env.CONFORMANCE_ACTION_STRICT).replace(/[%\r\n]/g, '')}\n`);
  process.exit(2);
}

const cli = spawnSync(process.execPath, [bin, ...args], { stdio: 'inherit', env: { ...env, GITHUB_ACTIONS: 'true' } });
const code = cli.status ?? 1;

const outputs = { 'exit-code': String(code), reports, verdict: 'USAGE ERROR' };
if (code !== 2) {
  try {
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const s = report.summary;
    Object.assign(outputs, { verdict: report.verdict.headline, total: s.total, passed: s.pass, failed: s.fail, skipped: s.skip, errors: s.error });
  } catch (err) {
    process.stdout.write(`::warning title=conformance action::no JSON report at ${json} (${String(err.message).replace(/[%\r\n]/g, ' ')})\n`);
  }
}
if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${String(v).replace(/[\r\n]/g, ' ')}\n`).join(''));
process.exit(code);
