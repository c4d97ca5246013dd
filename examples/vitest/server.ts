/**
 * Stands in for your own server: the embedded NanoGPT reference, or with EXAMPLE_BREAK=<name>
 * one of its deliberately broken variants (src/reference/breaks.ts), which is how the project's
 * test of this example (test/vitest-example.test.ts) shows that a broken server fails the suite.
 */
import { startReferenceServer } from '../../src/reference/server.js';
import type { BreakName } from '../../src/reference/breaks.js';

export async function startMyServer(): Promise<{ url: string; apiKey: string; close(): Promise<void> }> {
  const breaks = process.env.EXAMPLE_BREAK ? [process.env.EXAMPLE_BREAK as BreakName] : [];
  return startReferenceServer({ breaks });
}
