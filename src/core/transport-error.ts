/** What the HTTP layer throws when there is no usable response, and how a Node error becomes one. */
import type { SendOptions } from './http.js';

/** No usable response: the one-line reason is the message. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly kind: 'connect' | 'timeout' | 'reset' | 'too-large' | 'tls' | 'decode' | 'other',
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** Stated by the client when the run's deadline, not --timeout, cut a request short. */
export const MAX_TIME_EXCEEDED = 'the run exceeded its time budget (--max-time)';

export function toTransportError(err: unknown, aborted: boolean, connecting: boolean, opts: SendOptions): TransportError {
  if (err instanceof TransportError) return err;
  const e = err as { code?: string; message?: string; reason?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  if (aborted) {
    // The timer ended a connection that was never made: a slow connect, not a slow response.
    if (connecting) return new TransportError(`could not connect within ${opts.timeoutMs} ms (--timeout)`, 'connect');
    return new TransportError(`no complete response within ${opts.timeoutMs} ms (--timeout)`, 'timeout');
  }
  if (code === 'ECONNREFUSED') return new TransportError('connection refused', 'connect');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError(`host not found (${code})`, 'connect');
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new TransportError(`host unreachable (${code})`, 'connect');
  if (/CERT|SSL|TLS/i.test(code) || code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new TransportError(`TLS certificate rejected (${code}); pass --insecure to accept it`, 'tls');
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    return new TransportError('connection closed by the server before the response was complete', 'reset');
  }
  // llhttp, the parser node:http uses, names its errors HPE_*.
  if (code.startsWith('HPE_')) {
    return new TransportError(`the server sent a malformed HTTP response (${e.reason ?? e.message ?? code})`, 'other');
  }
  return new TransportError(`request failed: ${code ? code + ' ' : ''}${e.message ?? String(err)}`.trim(), 'other');
}
