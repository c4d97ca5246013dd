/**
 * `npm run bench`: a full nanogpt run against the floor (bench/floor.mjs) and Dredd, then a
 * 5,000-model catalogue, then a 50,000-model one (against the node:http floor only, fewer rounds). Whole processes are measured (wall from spawn to exit, peak RSS); the
 * rounds are interleaved and ratios are taken within each round because this machine is shared
 * and noisy. Prints a table and writes bench/results/latest.json. See docs/performance.md.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, ROOT, startServer, timedNode, type BenchServer, type Sample } from './measure.js';
import { dreddSummary, ensureDredd, lastLines, DREDD_SPEC, type DreddStatus } from './dredd.js';
import { evaluate, printReport, summarise, type Measured, type Scenario } from './report.js';

const { values } = parseArgs({ options: { runs: { type: 'string' }, models: { type: 'string' }, huge: { type: 'string' }, 'no-dredd': { type: 'boolean' } } });
const RUNS = Math.max(1, Number(values.runs ?? 9));
const BIG = Number(values.models ?? 5000);
/** The largest catalogue (0 leaves it out): 10-30 s a run here, so at most 3 rounds of two tools. */
const HUGE = Number(values.huge ?? 50_000);
const HUGE_RUNS = Math.min(RUNS, 3);
/** Budget of each scenario: rounds stop being added past it (the report says so). */
const BUDGET_MS = 150_000;
const PER_PROCESS_MS = 60_000;
const started = Date.now();
const notes: string[] = [];
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'launch.cjs');
const FLOOR = path.join(BENCH_DIR, 'floor.mjs');
const DREDD_DOC = path.join(BENCH_DIR, 'dredd.swagger.yaml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'conformance-bench-'));
const requestsFile = path.join(tmp, 'requests.jsonl');

interface Tool {
  name: string;
  run(server: BenchServer): Promise<Sample>;
  ok(s: Sample): boolean;
}

/** `extra`: the 50,000-model lists can take the server longer than the default 10 s per request under load; the floor waits without limit. */
const conformanceTool = (extra: string[] = []): Tool => ({
  name: 'conformance',
  run: (s) => timedNode(CLI, ['run', s.url, '--json', os.devNull, ...extra], { CONFORMANCE_API_KEY: s.apiKey }, PER_PROCESS_MS),
  ok: (s) => s.code === 0,
});
const conformance = conformanceTool();
const floor: Tool = {
  name: 'floor',
  run: (s) => timedNode(FLOOR, [s.url, requestsFile], {}, PER_PROCESS_MS),
  ok: (s) => s.code === 0,
};
const floorFetch: Tool = {
  name: 'floor-fetch',
  run: (s) => timedNode(FLOOR, [s.url, requestsFile, '--fetch'], {}, PER_PROCESS_MS),
  ok: (s) => s.code === 0,
};
const dreddTool = (bin: string): Tool => ({
  name: 'dredd',
  run: (s) => timedNode(bin, [DREDD_DOC, s.url, '--header', `Authorization: Bearer ${s.apiKey}`, '--color=false'], {}, PER_PROCESS_MS),
  ok: (s) => s.code === 0 && dreddSummary(s.stdout)?.passing === dreddSummary(s.stdout)?.total,
});

/** One run, with the requests the server answered meanwhile. */
async function measure(tool: Tool, server: BenchServer): Promise<Measured> {
  const before = await server.count();
  const sample = await tool.run(server);
  const after = await server.count();
  return { ...sample, requests: after.count - before.count, serverCpuMs: after.cpuMs - before.cpuMs, ok: tool.ok(sample) };
}

/** A warm-up pass (discarded), then `runs` rounds, each tool once per round, order rotated. */
async function rounds(server: BenchServer, tools: Tool[], runs = RUNS): Promise<Record<string, Measured[]>> {
  const out: Record<string, Measured[]> = Object.fromEntries(tools.map((t) => [t.name, []]));
  for (const tool of tools) await measure(tool, server);
  const begun = Date.now();
  for (let i = 0; i < runs; i++) {
    if (Date.now() - begun > BUDGET_MS) {
      notes.push(`time budget reached: ${i} rounds instead of ${runs}`);
      break;
    }
    for (let k = 0; k < tools.length; k++) {
      const tool = tools[(i + k) % tools.length]!;
      out[tool.name]!.push(await measure(tool, server));
    }
  }
  return out;
}

/** One recorded conformance run: the distinct requests (for the floor) and the verdict counts. */
async function record(): Promise<{ requests: number; checks: string }> {
  const server = await startServer(0, requestsFile);
  try {
    const json = path.join(tmp, 'run.json');
    const s = await timedNode(CLI, ['run', server.url, '--json', json], { CONFORMANCE_API_KEY: server.apiKey }, PER_PROCESS_MS);
    if (s.code !== 0) throw new Error(`the recording run exited ${s.code}: ${lastLines(s.stderr || s.stdout)}`);
    const run = JSON.parse(readFileSync(json, 'utf8')) as { requests: number; summary: Record<string, number> };
    const logged = readFileSync(requestsFile, 'utf8').split('\n').filter(Boolean).length;
    if (logged !== run.requests) notes.push(`the server logged ${logged} requests, the run reported ${run.requests}`);
    const { total, pass, fail, skip, error } = run.summary;
    return { requests: logged, checks: `${total} checks: ${pass} pass, ${fail} fail, ${skip} skip, ${error} error` };
  } finally {
    server.close();
  }
}

function what(recorded: { requests: number; checks: string }, dredd: string): Record<string, string> {
  const same = `the same ${recorded.requests} requests, JSON parsed`;
  return { conformance: recorded.checks, floor: `${same} (node:http)`, 'floor-fetch': `${same} (global fetch)`, dredd };
}

/** The reference catalogue: conformance against both floors and, when it runs on this Node, Dredd. */
async function nanogptScenario(dredd: DreddStatus, recorded: { requests: number; checks: string }): Promise<Scenario> {
  const small = await startServer(0);
  try {
    let dreddWhat = '';
    let tools = [conformance, floor, floorFetch, ...('bin' in dredd ? [dreddTool(dredd.bin)] : [])];
    // A Dredd that cannot run on this Node is reported, and the floor comparison still made.
    if ('bin' in dredd) {
      const dreddRun = tools.at(-1)!;
      const probe = await dreddRun.run(small);
      if (!dreddRun.ok(probe)) {
        notes.push(`Dredd ran but did not pass the reference (exit ${probe.code}): ${lastLines(probe.stderr || probe.stdout)}`);
        tools = tools.slice(0, -1);
      } else {
        const sum = dreddSummary(probe.stdout)!;
        dreddWhat = `${DREDD_SPEC}: ${sum.total} transactions (status, headers, body schema), ${sum.passing} passing`;
      }
    }
    log(`nanogpt: ${RUNS} rounds of ${tools.map((t) => t.name).join(', ')}…`);
    return summarise('nanogpt', 'the reference catalogue', await rounds(small, tools), what(recorded, dreddWhat));
  } finally {
    small.close();
  }
}

async function main(): Promise<void> {
  const dredd = values['no-dredd'] ? { problem: 'skipped (--no-dredd)' } : await ensureDredd(120_000, log);
  if ('problem' in dredd) notes.push(`Dredd not compared: ${dredd.problem}`);

  log('recording the distinct requests of one conformance run…');
  const recorded = await record();
  const load = [os.loadavg()[0]!];

  const scenarios: Scenario[] = [await nanogptScenario(dredd, recorded)];

  const big = await startServer(BIG);
  try {
    log(`${BIG}-model catalogue: ${RUNS} rounds of conformance, floor, floor-fetch…`);
    scenarios.push(summarise('catalogue', `the reference catalogue + ${BIG} synthetic models`, await rounds(big, [conformance, floor, floorFetch]), what(recorded, '')));
  } finally {
    big.close();
  }

  if (HUGE > 0) {
    const huge = await startServer(HUGE);
    try {
      log(`${HUGE}-model catalogue: ${HUGE_RUNS} rounds of conformance, floor…`);
      // A run keeps its distinct bodies up to 2 x --max-body-size: at 50,000 models they are
      // ~400 MB (the default 50 MiB makes the run refuse the later lists and error), so the
      // bench raises it as a user with such a catalogue would.
      const hugeArgs = ['--timeout', '60000', '--max-body-size', String(256 * 1024 * 1024)];
      scenarios.push(summarise('huge', `the reference catalogue + ${HUGE} synthetic models`, await rounds(huge, [conformanceTool(hugeArgs), floor], HUGE_RUNS), what(recorded, '')));
    } finally {
      huge.close();
    }
  }
  load.push(os.loadavg()[0]!);

  const targets = evaluate(scenarios);
  const result = {
    date: new Date().toISOString(),
    command: 'npm run bench',
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', node: process.version, platform: `${os.platform()} ${os.release()}`, loadavg1m: load },
    rounds: RUNS,
    distinctRequests: recorded.requests,
    scenarios,
    targets,
    notes,
    durationS: Math.round((Date.now() - started) / 1000),
  };
  printReport(result);
  writeLatest(result);
}

function writeLatest(result: unknown): void {
  const dir = path.join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${path.relative(ROOT, path.join(dir, 'latest.json'))}`);
}

try {
  await main();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
