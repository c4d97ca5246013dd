/**
 * Retry-After as RFC 9110 §10.2.3 has it: delay-seconds (1*DIGIT) or an HTTP-date (§5.6.7:
 * IMF-fixdate, or the obsolete RFC 850 and asctime forms, all GMT).
 */

/** Anything but a valid Retry-After (`0x10`, `0b11`, `-1`, `1.5`, `1e3`) gets a short linear backoff, as without one. */
export function retryDelayMs(header: string | undefined, attempt: number): number {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = httpDate(value);
  if (date !== undefined) return Math.max(0, date - Date.now());
  return 500 * (attempt + 1);
}

/** A valid Retry-After (RFC 9110), as retryDelayMs reads it. */
export function hasRetryAfter(header: string | undefined): boolean {
  const value = header?.trim() ?? '';
  return /^\d+$/.test(value) || httpDate(value) !== undefined;
}

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '\\d\\d:\\d\\d:\\d\\d';
const HTTP_DATES = [
  new RegExp(`^${DAY}, \\d\\d ${MONTH} \\d{4} ${TIME} GMT$`),
  new RegExp(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \\d\\d-${MONTH}-\\d\\d ${TIME} GMT$`),
  new RegExp(`^${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4}$`),
];

function httpDate(value: string): number | undefined {
  const form = HTTP_DATES.findIndex((re) => re.test(value));
  if (form === -1) return undefined;
  // asctime carries no zone, and is GMT too.
  const ms = Date.parse(form === 2 ? `${value} GMT` : value);
  return Number.isNaN(ms) ? undefined : ms;
}
