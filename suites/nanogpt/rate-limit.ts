/** 429 answers met anywhere in the run carry the documented body. */
import { checks, ref } from '../define.js';
import { excerpt, fail, pass, skip } from '../../src/core/expect.js';
import { validate } from '../../src/contract/schemas.js';
import { parseJson } from '../../src/core/json.js';

const SEED = 'nanogpt-models-api.txt';

export const rateLimitChecks = checks('rate-limit', [
  {
    id: 'NG-RATE-01',
    title: 'Every 429 met during the run carries the documented rate-limit body',
    level: 'MUST',
    late: true,
    reference: ref(SEED, 'Errors and Limits', 'In overload scenarios you may receive 429 with:',
      'The models page shows {"code":"rate_limited","message":...}; the error-handling page puts GET /api/v1/models under the OpenAI envelope {error:{message,type,code,param}}. Both are accepted.'),
    async run(ctx) {
      const seen = ctx.rateLimitedSoFar();
      if (seen.length === 0) return skip('no 429 was met during the run: nothing to check');
      for (const { url, response } of seen) {
        const parsed = parseJson(response.body);
        if (!parsed.ok) {
          fail({ message: `429 from ${url} has a body that is not JSON (${parsed.error})`, expected: '{"code":"rate_limited","message":"..."} or {"error":{...}}', received: `${response.headers['content-type'] ?? '(no content-type)'}: ${excerpt(response.body, 160)}` });
        }
        const issue = validate('nanogpt/error-rate-limited.schema.json', parsed.value)[0];
        if (issue) {
          fail({ message: `429 from ${url}: the body is not a documented rate-limit body`, pointer: issue.pointer || '/', keyword: issue.keyword, expected: '{"code":"rate_limited","message":"..."} or {"error":{...}}', received: excerpt(response.body, 160) });
        }
      }
      return pass(`${seen.length} 429 answers met, each with a documented body`);
    },
  },
]);
