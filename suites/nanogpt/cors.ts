/** CORS on the model list, for browser clients. */
import { checks, ref } from '../define.js';
import { expectStatus, fail, header, pass, responseOf } from '../../src/core/expect.js';
import { eachSurface, surface } from '../surfaces.js';
import { TEXT_ENDPOINTS } from './surfaces.js';

const SEED = 'nanogpt-models-api.txt';
const QUOTE = 'Standard CORS and rate limiting apply.';
const ORIGIN = 'https://conformance-client.example';

/** "Standard CORS and rate limiting apply" is said of all three text-model endpoints. */
const CROSS_ORIGIN_GETS = TEXT_ENDPOINTS.map((path) => surface({ path, headers: { origin: ORIGIN } }));
const PREFLIGHTS = TEXT_ENDPOINTS.map((path) => surface({
  method: 'OPTIONS',
  path,
  headers: { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,x-api-key' },
}));

function allowsOrigin(value: string | undefined): boolean {
  return value !== undefined && (value.trim() === '*' || value.trim() === ORIGIN);
}

export const corsChecks = checks('cors', [
  {
    id: 'NG-CORS-01',
    title: 'A cross-origin GET is allowed: Access-Control-Allow-Origin is "*" or the Origin',
    level: 'SHOULD',
    reference: ref(SEED, 'Errors and Limits', QUOTE, '"Standard CORS" is not specified further, hence SHOULD.'),
    run: eachSurface(CROSS_ORIGIN_GETS, (ex) => {
      const res = expectStatus(ex, 200);
      const acao = header(res, 'access-control-allow-origin');
      if (!allowsOrigin(acao)) {
        fail({ message: `Access-Control-Allow-Origin is ${acao === undefined ? 'missing' : `"${acao}"`}`, expected: `"*" or "${ORIGIN}"`, received: acao ?? '(absent)', exchanges: [ex] });
      }
      return pass(`Access-Control-Allow-Origin: ${acao}`, [ex]);
    }),
  },
  {
    id: 'NG-CORS-02',
    title: 'A preflight for both key headers is allowed',
    level: 'SHOULD',
    reference: ref(SEED, 'Errors and Limits', QUOTE,
      'Browsers send a preflight before a GET carrying Authorization or x-api-key. Per the Fetch standard a "*" in Access-Control-Allow-Headers does not cover Authorization, so it must be named.'),
    run: eachSurface(PREFLIGHTS, (ex) => {
      const res = responseOf(ex);
      const problems: string[] = [];
      if (res.status < 200 || res.status > 299) problems.push(`status ${res.status}`);
      const acao = header(res, 'access-control-allow-origin');
      if (!allowsOrigin(acao)) problems.push(`Access-Control-Allow-Origin ${acao === undefined ? 'missing' : `"${acao}"`}`);
      const allowed = (header(res, 'access-control-allow-headers') ?? '').toLowerCase().split(',').map((h) => h.trim());
      if (!allowed.includes('authorization')) problems.push('Authorization not in Access-Control-Allow-Headers');
      if (!allowed.includes('x-api-key') && !allowed.includes('*')) problems.push('x-api-key not in Access-Control-Allow-Headers');
      if (problems.length) {
        fail({ message: `the preflight would be refused: ${problems.join('; ')}`, expected: '2xx, Allow-Origin * or the origin, Allow-Headers naming authorization and x-api-key', received: `HTTP ${res.status}; Allow-Origin: ${acao ?? '(absent)'}; Allow-Headers: ${header(res, 'access-control-allow-headers') ?? '(absent)'}`, exchanges: [ex] });
      }
      return pass('the preflight allows both key headers', [ex]);
    }),
  },
]);
