/** The byte budget large bodies are read within (src/core/http-body.ts): FIFO, by amount, abortable. */
import { describe, expect, it } from 'vitest';
import { budget } from '../src/core/http-body.js';

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('budget', () => {
  it('grants amounts that fit, in order, and releases wake the head first', async () => {
    const b = budget(10);
    const granted: string[] = [];
    await b.acquire(6);
    const big = b.acquire(8).then(() => granted.push('big'));
    const small = b.acquire(2).then(() => granted.push('small')); // fits, but waits behind the head: FIFO, no starvation
    await settled();
    expect(granted).toEqual([]);
    b.release(6);
    await big;
    await small;
    expect(granted).toEqual(['big', 'small']);
  });

  it('two bodies of the whole cap: the second waits for the first (the old two-slot bound)', async () => {
    const cap = 50;
    const b = budget(2 * cap);
    await b.acquire(cap);
    await b.acquire(cap);
    let third = false;
    const waiting = b.acquire(cap).then(() => (third = true));
    await settled();
    expect(third).toBe(false);
    b.release(cap);
    await waiting;
    expect(third).toBe(true);
  });

  it('an aborted wait leaves the queue and lets those behind it through', async () => {
    const b = budget(10);
    await b.acquire(9);
    const abort = new AbortController();
    const head = b.acquire(10, abort.signal);
    let behind = false;
    const next = b.acquire(1).then(() => (behind = true));
    await settled();
    expect(behind).toBe(false);
    abort.abort(new Error('timeout'));
    await expect(head).rejects.toThrow('timeout');
    await next;
    expect(behind).toBe(true);
  });
});
