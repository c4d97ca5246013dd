/** Reading a response body under the caps, and undoing its content codings (src/core/http.ts). */
import type { IncomingMessage } from 'node:http';
import { TransportError } from './transport-error.js';

/**
 * Bodies over LARGE_BODY bytes are read only within a byte budget of LARGE_BODY_BUDGET x
 * --max-body-size (the others wait, and their sockets back-pressure): peak memory stays near that
 * whatever --concurrency is. A body reserves its declared Content-Length, or the whole
 * --max-body-size when its length is unknown or it is encoded (decoding can make a few KB into
 * the cap), so answers of a known size well under the cap read side by side.
 */
export const LARGE_BODY = 1024 * 1024;
/** The budget for large bodies, in --max-body-size units: two bodies of the cap's size at once. */
export const LARGE_BODY_BUDGET = 2;

/**
 * The body's chunks, under the cap. Events rather than `for await`: the async iterator costs
 * about as much again per response (bench/). Past LARGE_BODY the stream pauses until
 * `reserveLarge` resolves (it returns nothing when the body reserved its share before the first byte). A
 * socket closed before the end rejects as a reset.
 */
export function readBody(res: IncomingMessage, maxBodyBytes: number, abort: AbortController, reserveLarge: () => Promise<void> | undefined): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const raw: Buffer[] = [];
    let size = 0;
    let large = false;
    const fail = (err: unknown) => {
      reject(err);
      res.destroy();
    };
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        abort.abort();
        fail(new TransportError(`response body exceeded the ${maxBodyBytes}-byte limit (--max-body-size)`, 'too-large'));
        return;
      }
      raw.push(chunk);
      if (!large && size > LARGE_BODY) {
        large = true;
        const reserving = reserveLarge();
        if (reserving) {
          res.pause();
          reserving.then(() => res.resume(), fail);
        }
      }
    });
    res.on('end', () => resolve(raw));
    res.on('error', reject);
    // Without 'end': the connection closed (or was aborted) before the last byte.
    res.on('close', () => {
      if (res.complete) return;
      reject(abort.signal.aborted ? abort.signal.reason : new TransportError('connection closed by the server before the response was complete', 'reset'));
    });
  });
}

export interface Budget {
  /** Waits (FIFO) until `amount` fits; rejects when `signal` aborts first. */
  acquire(amount?: number, signal?: AbortSignal): Promise<void>;
  release(amount?: number): void;
}

/** A counting semaphore of `total` units (slots, or bytes), whose waits end (rejected) when the request is aborted. */
export function budget(total: number): Budget {
  let free = total;
  const waiting: { amount: number; grant: () => void }[] = [];
  const grantWaiting = () => {
    while (waiting[0] && waiting[0].amount <= free) {
      const next = waiting.shift()!;
      free -= next.amount;
      next.grant();
    }
  };
  return {
    acquire(amount = 1, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (waiting.length === 0 && amount <= free) {
        free -= amount;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const entry = {
          amount,
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          waiting.splice(waiting.indexOf(entry), 1);
          grantWaiting(); // the head may have been the one blocking the others
          reject(signal?.reason);
        };
        waiting.push(entry);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    release(amount = 1) {
      free += amount;
      grantWaiting();
    },
  };
}

/**
 * Content codings a response may stack. Real servers apply one; RFC 9110 allows several, and a
 * server stacking hundreds would make decoding alone take tens of seconds.
 */
export const MAX_CODINGS = 3;

/** Decoded off the main thread (zlib's thread pool), so timers, and the deadline, keep running. */
export async function decode(body: Buffer, encoding: string | undefined, maxOutputLength: number, signal: AbortSignal): Promise<Buffer> {
  const codings = (encoding ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c && c !== 'identity');
  let out = body;
  if (codings.length === 0) return out;
  if (codings.length > MAX_CODINGS) {
    throw new TransportError(`the body is encoded ${codings.length} times (Content-Encoding), more than the ${MAX_CODINGS} layers decoded`, 'decode');
  }
  // Loaded for the first encoded body only: node:zlib takes ~3 ms to load.
  const zlib = process.getBuiltinModule('node:zlib');
  const run = (fn: typeof zlib.gunzip, input: Buffer) =>
    new Promise<Buffer>((resolve, reject) => fn(input, { maxOutputLength }, (err, result) => (err ? reject(err) : resolve(result))));
  try {
    // Codings are listed in the order they were applied: undo them last-first.
    for (const coding of codings.reverse()) {
      signal.throwIfAborted(); // the request's deadline passed while decoding
      if (coding === 'gzip' || coding === 'x-gzip') out = await run(zlib.gunzip, out);
      else if (coding === 'deflate') out = await run(zlib.inflate, out);
      else if (coding === 'br') out = await run(zlib.brotliDecompress as typeof zlib.gunzip, out);
      else throw new TransportError(`unsupported content-encoding "${coding}"`, 'decode');
    }
  } catch (err) {
    if (err instanceof TransportError || signal.aborted) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new TransportError(`decoded response body exceeded the ${maxOutputLength}-byte limit (--max-body-size)`, 'too-large');
    }
    throw new TransportError(`could not decode the ${encoding} body: ${(err as Error).message}`, 'decode');
  }
  return out;
}

