/** Medians, in-round ratios, the issue's targets, and the printed table. */
import type { Sample } from './measure.js';

export interface Measured extends Sample {
  /** Requests the server answered during this run, and the CPU it spent on them. */
  requests: number;
  serverCpuMs: number;
  /** The tool finished as expected (conformance: exit 0, floor: exit 0, Dredd: all passing). */
  ok: boolean;
}

export interface Row {
  tool: string;
  runs: number;
  wallMs: { median: number; min: number; max: number; samples: number[] };
  rssMB: { median: number; max: number };
  requests: number;
  serverCpuMs: number;
  failedRuns: number;
  what: string;
}

export interface Ratio {
  /** Median of the per-round ratios (each round runs every tool once, back to back). */
  median: number;
  /** Ratio of the median walls, for comparison. */
  ofMedians: number;
}

export interface Scenario {
  name: string;
  catalogue: string;
  rows: Row[];
  ratios: Record<string, Ratio>;
}

export interface Target {
  target: string;
  measured: string;
  met: boolean | null;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function summarise(name: string, catalogue: string, samples: Record<string, Measured[]>, what: Record<string, string>): Scenario {
  const rows: Row[] = Object.entries(samples).map(([tool, xs]) => {
    const walls = xs.map((x) => x.wallMs);
    return {
      tool,
      runs: xs.length,
      wallMs: { median: Math.round(median(walls)), min: Math.round(Math.min(...walls)), max: Math.round(Math.max(...walls)), samples: walls.map(Math.round) },
      rssMB: { median: round1(median(xs.map((x) => x.rssMB))), max: round1(Math.max(...xs.map((x) => x.rssMB))) },
      requests: median(xs.map((x) => x.requests)),
      serverCpuMs: Math.round(median(xs.map((x) => x.serverCpuMs))),
      failedRuns: xs.filter((x) => !x.ok).length,
      what: what[tool] ?? '',
    };
  });
  const ratio = (num: string, den: string): Ratio | undefined => {
    const a = samples[num];
    const b = samples[den];
    if (!a?.length || !b?.length) return undefined;
    const perRound = a.slice(0, b.length).map((x, i) => x.wallMs / b[i]!.wallMs);
    return { median: Math.round(median(perRound) * 100) / 100, ofMedians: Math.round((median(a.map((x) => x.wallMs)) / median(b.map((x) => x.wallMs))) * 100) / 100 };
  };
  const ratios: Record<string, Ratio> = {};
  const pairs = [['conformance/floor', 'conformance', 'floor'], ['conformance/floor-fetch', 'conformance', 'floor-fetch'], ['dredd/conformance', 'dredd', 'conformance']] as const;
  for (const [key, num, den] of pairs) {
    const r = ratio(num, den);
    if (r) ratios[key] = r;
  }
  return { name, catalogue, rows, ratios };
}

export function evaluate(scenarios: Scenario[]): Target[] {
  const nano = scenarios.find((s) => s.name === 'nanogpt');
  const big = scenarios.find((s) => s.name === 'catalogue');
  const huge = scenarios.find((s) => s.name === 'huge')?.ratios['conformance/floor'];
  const row = (s: Scenario | undefined, tool: string) => s?.rows.find((r) => r.tool === tool);
  // A run that did not finish as expected (an exit other than 0 against the conforming reference)
  // measured something else than a full run: the target stays undecided, whatever the figure.
  const failures = (s: Scenario | undefined) => s?.rows.reduce((n, r) => n + r.failedRuns, 0) ?? 0;
  const decided = (s: Scenario | undefined, t: Target): Target =>
    failures(s) && t.met !== null ? { ...t, measured: `${t.measured}, but ${failures(s)} runs did not finish as expected`, met: null } : t;
  const ratioTarget = (target: string, key: string, ok: (x: number) => boolean): Target => {
    const r = nano?.ratios[key];
    return decided(nano, { target, measured: r ? `${r.median}x` : 'not measured', met: r ? ok(r.median) : null });
  };
  const bigWall = row(big, 'conformance')?.wallMs.median;
  const hugeScenario = scenarios.find((s) => s.name === 'huge');
  // The 150 MB target is for the reference and 5,000-model catalogues; 50,000 models are ~370 MB of bodies a run.
  const rss = scenarios.filter((s) => s.name !== 'huge').map((s) => [s.name, row(s, 'conformance')?.rssMB.median ?? NaN] as const);
  return [
    ratioTarget('a full nanogpt run within 1.5x of the floor (node:http)', 'conformance/floor', (x) => x <= 1.5),
    ratioTarget('a full nanogpt run within 1.5x of the floor (global fetch)', 'conformance/floor-fetch', (x) => x <= 1.5),
    ratioTarget('at least 5x faster than Dredd', 'dredd/conformance', (x) => x >= 5),
    decided(big, { target: 'a 5,000-model catalogue in under 1 s wall', measured: bigWall !== undefined ? `${bigWall} ms` : 'not measured', met: bigWall !== undefined ? bigWall < 1000 : null }),
    decided(hugeScenario, { target: 'a 50,000-model catalogue within 1.3x of the floor (node:http)', measured: huge ? `${huge.median}x` : 'not measured', met: huge ? huge.median <= 1.3 : null }),
    { target: 'peak memory under 150 MB', measured: rss.map(([n, mb]) => `${mb} MB (${n})`).join(', '), met: rss.every(([, mb]) => mb < 150) },
  ];
}

interface Report {
  machine: { cpus: number; cpu: string; node: string; loadavg1m: number[] };
  rounds: number;
  distinctRequests: number;
  scenarios: Scenario[];
  targets: Target[];
  notes: string[];
  durationS: number;
}

export function printReport(r: Report): void {
  const out: string[] = [];
  out.push(`conformance benchmark · node ${r.machine.node} · ${r.machine.cpus} CPUs (${r.machine.cpu}) · load ${r.machine.loadavg1m.map((l) => l.toFixed(2)).join(' → ')}`);
  for (const s of r.scenarios) {
    out.push('', `${s.name}: ${s.catalogue}; ${s.rows[0]?.runs ?? r.rounds} interleaved rounds, medians`);
    out.push(`  ${'tool'.padEnd(12)} ${'wall ms'.padStart(8)} ${'(min–max)'.padEnd(16)} ${'peak RSS MB'.padStart(11)} ${'requests'.padStart(8)} ${'server CPU ms'.padStart(13)}  what`);
    for (const row of s.rows) {
      const failed = row.failedRuns ? `  [${row.failedRuns} of ${row.runs} runs did not finish as expected]` : '';
      out.push(`  ${row.tool.padEnd(12)} ${String(row.wallMs.median).padStart(8)} ${`(${row.wallMs.min}–${row.wallMs.max})`.padEnd(16)} ${String(row.rssMB.median).padStart(11)} ${String(row.requests).padStart(8)} ${String(row.serverCpuMs).padStart(13)}  ${row.what}${failed}`);
    }
    for (const [name, ratio] of Object.entries(s.ratios)) out.push(`  ${name}: ${ratio.median}x (median of per-round ratios; ratio of medians ${ratio.ofMedians}x)`);
  }
  out.push('', 'targets:');
  for (const t of r.targets) out.push(`  ${t.met === null ? '?' : t.met ? '✓ met   ' : '✗ MISSED'}  ${t.target}: ${t.measured}`);
  if (r.notes.length) out.push('', 'notes:', ...r.notes.map((n) => `  - ${n}`));
  out.push('', `(${r.durationS} s; details in bench/results/latest.json)`);
  process.stdout.write(`${out.join('\n')}\n`);
}
