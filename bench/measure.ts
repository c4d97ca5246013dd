/** Whole-process measurements: wall time from spawn to exit, and peak RSS (bench/maxrss.cjs). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.dirname(BENCH_DIR);
const PRELOAD = path.join(BENCH_DIR, 'maxrss.cjs');

export interface Sample {
  wallMs: number;
  rssMB: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <script> ...args` with the RSS probe preloaded; kills it after `timeoutMs`. */
export function timedNode(script: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<Sample> {
  const dir = mkdtempSync(path.join(tmpdir(), 'conformance-bench-'));
  const rssFile = path.join(dir, 'rss');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', PRELOAD, script, ...args], {
      cwd: dir,
      env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      let kib = 0;
      try {
        kib = Math.max(0, ...readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number));
      } catch {
        // Killed before its exit handler ran: no figure.
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ wallMs, rssMB: kib / 1024, code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

export interface BenchServer {
  url: string;
  apiKey: string;
  /** Requests the server has answered so far, and the CPU it has used. */
  count(): Promise<{ count: number; cpuMs: number }>;
  close(): void;
}

/** Starts bench/server.mjs; it ends when we close its stdin (or when this process dies). */
export async function startServer(models: number, log?: string): Promise<BenchServer> {
  const args = [path.join(BENCH_DIR, 'server.mjs'), '--models', String(models), ...(log ? ['--log', log] : [])];
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, args, { stdio: 'pipe' });
  child.stderr.pipe(process.stderr);
  const lines = createInterface({ input: child.stdout });
  const waiting: { resolve(line: string): void; reject(err: Error): void }[] = [];
  lines.on('line', (line) => waiting.shift()?.resolve(line));
  child.on('exit', (code) => waiting.splice(0).forEach((w) => w.reject(new Error(`bench server exited (${code})`))));
  const nextLine = () => new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
  const hello = JSON.parse(await nextLine()) as { url: string; apiKey: string };
  return {
    ...hello,
    async count() {
      const answer = nextLine();
      child.stdin.write('count\n');
      return JSON.parse(await answer) as { count: number; cpuMs: number };
    },
    close: () => child.stdin.end(),
  };
}
