/**
 * The run's one body cache, owned by the Engine: each distinct response body is kept once,
 * redacted once and parsed at most once, however many requests got it (the same list fetched with
 * several keys or parameters): on a big catalogue that halves a run's memory. The bodies kept are
 * bounded by --max-body-size, not by how many different bodies a server chooses to send
 * (docs/robustness.md).
 */
import { parseJson, type Parsed } from './json.js';
import type { ExchangeResponse } from './types.js';

/** Distinct response bodies a run keeps (checks compare them) are capped at this many times --max-body-size in all. */
export const KEPT_BODIES_FACTOR = 2;
/** Bodies this small are kept past the budget (error bodies, short lists): --max-requests bounds them. */
const ALWAYS_KEPT_BYTES = 64 * 1024;

interface KeptBody {
  /** The body as reports show it (redacted). */
  shown: string;
  /** Its parse, made on first use (jsonOf). */
  parsed?: Parsed;
}

/**
 * Which kept body a response carries. Not a cache of its own: a weak link from each response to
 * its entry in the Engine's BodyStore, so nothing outlives the responses that hold the body.
 */
const keptFor = new WeakMap<ExchangeResponse, KeptBody>();

export class BodyStore {
  /** Received body text -> the one entry kept for it. */
  private readonly bodies = new Map<string, KeptBody>();
  /** Bytes of the distinct bodies kept. */
  private keptBytes = 0;

  /** `refuse` makes the error a body past the budget throws (the Engine's TransportError: this module loads no HTTP client). */
  constructor(
    private readonly maxBodyBytes: number,
    private readonly redact: (text: string) => string,
    private readonly refuse: (message: string) => Error,
  ) {}

  /** The response as checks see it, its body shared with every other response that got the same text. */
  response(status: number, headers: Record<string, string>, raw: Buffer): ExchangeResponse {
    const kept = this.keep(raw);
    const response: ExchangeResponse = { status, headers, body: kept.shown, size: raw.length };
    keptFor.set(response, kept);
    return response;
  }

  /** Throws `refuse(...)` when a new body would pass the budget. */
  private keep(raw: Buffer): KeptBody {
    const text = raw.toString('utf8');
    let kept = this.bodies.get(text);
    if (kept) return kept;
    const budget = KEPT_BODIES_FACTOR * this.maxBodyBytes;
    if (raw.length > ALWAYS_KEPT_BYTES && this.keptBytes + raw.length > budget) {
      throw this.refuse(`the run already keeps ${this.keptBytes} bytes of distinct response bodies; this ${raw.length}-byte one would pass the ${budget}-byte budget (${KEPT_BODIES_FACTOR} x --max-body-size)`);
    }
    this.keptBytes += raw.length;
    kept = { shown: this.redact(text) };
    this.bodies.set(text, kept);
    return kept;
  }
}

/** The response's body parsed (depth and density guarded), once per distinct body of a run. */
export function parsedBody(res: ExchangeResponse): Parsed {
  let kept = keptFor.get(res);
  if (!kept) {
    // A response no Engine made (tests build some by hand): parsed once for this response.
    kept = { shown: res.body };
    keptFor.set(res, kept);
  }
  return (kept.parsed ??= parseJson(kept.shown));
}
