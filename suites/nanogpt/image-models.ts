/** GET /api/v1/image-models: detailed by default, with a meta block. */
import { checks, ref } from '../define.js';
import { expectSchema, expectStatus, fail, header, isObject, listOf, pass, skip } from '../../src/core/expect.js';
import { get, IMAGE_MODELS } from './requests.js';
import type { NanogptImageModelsMeta } from '../../src/contract/types.generated.js';
import { eachSurface } from '../surfaces.js';
import { compareAnswers, expectJsonOk } from '../common.js';
import { IMAGE_ALL, IMAGE_DETAILED } from './surfaces.js';

const SEED = 'nanogpt-image-models-api.txt';
const IMAGE_DETAILED_FIELDS = ['name', 'description', 'architecture', 'pricing', 'capabilities', 'supported_parameters'];
const byDefault = get(IMAGE_MODELS);
const explicitBasic = get(IMAGE_MODELS, { detailed: 'false' });

function detailedFieldsOf(item: unknown): string[] {
  return isObject(item) ? IMAGE_DETAILED_FIELDS.filter((f) => f in item) : [];
}

export const imageModelChecks = checks('image', [
  {
    id: 'NG-IMG-01',
    title: 'The image model list answers 200 with a JSON body, object "list" and a data array (both modes)',
    level: 'MUST',
    reference: ref(SEED, 'Endpoint', 'GET https://nano-gpt.com/api/v1/image-models'),
    run: eachSurface(IMAGE_ALL, (ex) => {
      expectJsonOk(ex);
      const { body, items } = listOf(ex);
      expectSchema(ex, body.object, 'nanogpt/image-models-list.schema.json#/properties/object', '/object');
      return pass(`${items.length} image models`, [ex]);
    }),
  },
  {
    id: 'NG-IMG-02',
    title: 'detailed defaults to true: without the parameter, models carry the detailed fields',
    level: 'MUST',
    reference: ref(SEED, 'Query Parameters', 'detailedbooleantrueInclude names, descriptions, pricing, capabilities, and supported parameters.'),
    run: eachSurface(IMAGE_DETAILED, (ex) => {
      const { items } = listOf(ex);
      if (items.length === 0) return skip('the image model list is empty: nothing to check');
      const bare = items.findIndex((item) => detailedFieldsOf(item).length === 0);
      if (bare >= 0) {
        fail({ message: `/data/${bare} carries none of the detailed fields although detailed defaults to true`, pointer: `/data/${bare}`, expected: IMAGE_DETAILED_FIELDS.join(', '), received: JSON.stringify(items[bare])?.slice(0, 160), exchanges: [ex] });
      }
      return pass(`all ${items.length} image models are detailed`, [ex]);
    }),
  },
  {
    id: 'NG-IMG-03',
    title: 'Detailed image models carry the documented fields with their types',
    level: 'MUST',
    reference: ref(SEED, 'Fields', 'capabilitiesobjectFeature flags such as image_generation, image_to_image, and inpainting.'),
    run: eachSurface(IMAGE_DETAILED, (ex) => {
      const { items } = listOf(ex);
      items.forEach((item, i) => expectSchema(ex, item, 'nanogpt/image-models-list.schema.json#/properties/data/items', `/data/${i}`));
      return pass(`${items.length} image models typed as documented`, [ex]);
    }),
  },
  {
    id: 'NG-IMG-04',
    title: 'meta.count is a non-negative integer and meta.generated_at an ISO 8601 date-time',
    level: 'MUST',
    reference: ref(SEED, 'Response', '"generated_at": "2026-05-07T12:00:00.000Z"'),
    run: eachSurface(IMAGE_DETAILED, (ex) => {
      const { body } = listOf(ex);
      expectSchema(ex, body.meta, 'nanogpt/image-models-list.schema.json#/properties/meta', '/meta');
      // Valid against the schema just above, so it has the type generated from that schema.
      const meta = body.meta as NanogptImageModelsMeta;
      return pass(`meta.count ${meta.count}, generated_at ${meta.generated_at}`, [ex]);
    }),
  },
  {
    id: 'NG-IMG-05',
    title: 'meta.count equals the number of models listed',
    level: 'SHOULD',
    reference: ref(SEED, 'Response', '"count": 1,',
      'The seed example lists one model with count 1; a later vendor example shows count 169 beside one model, an abbreviated listing. Hence SHOULD.'),
    run: eachSurface(IMAGE_ALL, (ex) => {
      const { body, items } = listOf(ex);
      const count = isObject(body.meta) ? body.meta.count : undefined;
      if (typeof count !== 'number') return skip('meta.count is missing or not a number (NG-IMG-04 reports it)');
      if (count !== items.length) {
        fail({ message: `meta.count is ${count} but ${items.length} models are listed`, pointer: '/meta/count', expected: String(items.length), received: String(count), exchanges: [ex] });
      }
      return pass(`meta.count ${count} matches`, [ex]);
    }),
  },
  {
    id: 'NG-IMG-06',
    title: 'detailed=false answers 200 with a list of models with string ids',
    level: 'MUST',
    reference: ref(SEED, 'Fields', 'With detailed=false, each item may include only basic model identifiers.'),
    async run(ctx) {
      const ex = await ctx.exchange(explicitBasic);
      const { body, items } = listOf(ex);
      expectSchema(ex, body, 'nanogpt/image-models-list-basic.schema.json');
      return pass(`${items.length} basic image models`, [ex]);
    },
  },
  {
    id: 'NG-IMG-07',
    title: 'detailed=false leaves out the detailed fields',
    level: 'MAY',
    reference: ref(SEED, 'Fields', 'With detailed=false, each item may include only basic model identifiers.'),
    async run(ctx) {
      const ex = await ctx.exchange(explicitBasic);
      const { items } = listOf(ex);
      const full = items.findIndex((item) => detailedFieldsOf(item).length > 0);
      if (full >= 0) {
        // A MAY: the runner reports this as `absent`, not as a failure.
        fail({ message: `detailed=false: /data/${full} still carries ${detailedFieldsOf(items[full]).join(', ')} (the document allows that: items may, not must, be basic only)`, pointer: `/data/${full}`, expected: 'basic identifiers only', received: detailedFieldsOf(items[full]).join(', '), exchanges: [ex] });
      }
      return pass('detailed=false answers basic identifiers only', [ex]);
    },
  },
  {
    id: 'NG-IMG-08',
    title: 'detailed=false lists the same models as the detailed list',
    level: 'SHOULD',
    reference: ref(SEED, 'Fields', 'With detailed=false, each item may include only basic model identifiers.',
      'The parameter changes how much is said about each model, not which models are listed; not stated outright, hence SHOULD.'),
    async run(ctx) {
      const [, basicList] = await compareAnswers(ctx, byDefault, explicitBasic, 'any order', 'detailed=false lists other models');
      return pass('both forms list the same models', [basicList.ex]);
    },
  },
  {
    id: 'NG-IMG-09',
    title: 'The image-model list is cacheable: no answer forbids caches to store it',
    level: 'SHOULD',
    reference: ref(SEED, 'Overview', 'This endpoint is cacheable.',
      '"Cacheable" names no header, so only its contradiction is decided: Cache-Control "no-store" (RFC 9111 §5.2.2.5) forbids every cache to store the answer. private, no-cache and no header at all still let a cache store it; SHOULD, as the page gives no header.'),
    run: eachSurface(IMAGE_ALL, (ex) => {
      const res = expectStatus(ex, 200);
      const cc = header(res, 'cache-control') ?? '';
      if (/(^|[\s,])no-store(\s*(,|$|=))/i.test(cc)) {
        fail({ message: `Cache-Control "${cc}" forbids every cache to store the answer`, expected: 'a storable answer (no "no-store")', received: `Cache-Control: ${cc}`, exchanges: [ex] });
      }
      return pass(cc ? `Cache-Control "${cc}" lets a cache store it` : 'no Cache-Control: a cache may store it heuristically (RFC 9111 §4.2.2)', [ex]);
    }),
  },
]);
