/** Error answers (401, 403, 429, 500, ...) use the OpenAI-compatible envelope {error: {message, type, code}}. */
import { checks, ref } from '../define.js';
import { excerpt, fail, parsedBody, pass, skip } from '../../src/core/expect.js';
import { validate } from '../../src/contract/schemas.js';
import type { CheckContext, Exchange, RequestSpec } from '../../src/core/types.js';
import { expectErrorBody } from '../common.js';
import { invalidKey, noKey, restricted, SEED, withKey } from './requests.js';

const ENVELOPE = 'codex-lb/error.schema.json';
const SHAPE = 'an OpenAI-compatible error envelope {"error": {"message", "type", "code"}}';

/** The run's requests to /v1/models that this configuration can send (memoised: already sent by the other checks). */
function runRequests(ctx: CheckContext): RequestSpec[] {
  return [noKey, invalidKey, ...(ctx.hasKey ? [withKey] : []), ...(ctx.hasRestrictedKey ? [restricted] : [])];
}

export const errorChecks = checks('errors', [
  {
    id: 'CLB-ERR-01',
    title: 'Every error answer met on /v1/models (401, 403, 500, ...) is an OpenAI-compatible envelope',
    level: 'MUST',
    late: true,
    reference: ref(SEED, 'Error Handling', 'Errors return OpenAI-compatible error envelopes:',
      'The real server sends {error: {message, type, code}} (param and resets_at only sometimes), so message, type and code are required (docs/profile-rulings.md#codex-lb-errors). 429s are CLB-ERR-02.'),
    async run(ctx) {
      const exs = await Promise.all(runRequests(ctx).map((spec) => ctx.exchange(spec)));
      const errors = exs.filter((ex): ex is Exchange & { response: NonNullable<Exchange['response']> } => (ex.response?.status ?? 0) >= 400 && ex.response?.status !== 429);
      if (errors.length === 0) return skip('no error answer was met on /v1/models: nothing to check');
      for (const ex of errors) expectErrorBody(ex, ENVELOPE, SHAPE);
      return pass(`${errors.length} error answers (${[...new Set(errors.map((ex) => ex.response.status))].join(', ')}), each ${SHAPE}`, errors);
    },
  },
  {
    id: 'CLB-ERR-02',
    title: 'Every 429 met during the run is an OpenAI-compatible envelope',
    level: 'MUST',
    late: true,
    reference: ref(SEED, 'Error Handling', '429 Too Many Requests: Rate limit exceeded'),
    async run(ctx) {
      const seen = ctx.rateLimitedSoFar();
      if (seen.length === 0) return skip('no 429 was met during the run: nothing to check');
      for (const { url, response } of seen) {
        const parsed = parsedBody(response);
        if (!parsed.ok) {
          fail({ message: `429 from ${url}: the body is not JSON`, expected: SHAPE, received: `${response.headers['content-type'] ?? '(no content-type)'}: ${excerpt(response.body, 160)}` });
        }
        const issue = validate(ENVELOPE, parsed.value)[0];
        if (issue) {
          fail({ message: `429 from ${url}: the body is not ${SHAPE}: ${issue.pointer || '/'} ${issue.message}`, pointer: issue.pointer || '/', keyword: issue.keyword, expected: SHAPE, received: excerpt(response.body, 160) });
        }
      }
      return pass(`${seen.length} 429 answers met, each ${SHAPE}`);
    },
  },
]);
