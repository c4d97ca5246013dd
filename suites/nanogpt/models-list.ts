/** GET /api/v1/models, basic (default) mode. */
import { checks, ref } from '../define.js';
import { expectSchema, listOf, pass } from '../../src/core/expect.js';
import { basic, get, MODELS } from './requests.js';
import { compareAnswers, expectCreatedInSeconds, expectEveryItem, expectJsonOk, expectListObject, expectUniqueIds } from '../common.js';
import { eachSurface } from '../surfaces.js';
import { TEXT_ALL, TEXT_BASIC } from './surfaces.js';

const SEED = 'nanogpt-models-api.txt';

export const modelsListChecks = checks('list', [
  {
    id: 'NG-LIST-01',
    title: 'The model list answers 200 with a JSON body labelled application/json',
    level: 'MUST',
    reference: ref(SEED, 'Compatibility', 'Responses mirror OpenAI’s Models API shape.',
      'An OpenAI-compatible JSON API: a 200 whose Content-Type is application/json (parameters such as charset allowed) or another +json type, and whose body parses.'),
    run: eachSurface(TEXT_ALL, expectJsonOk),
  },
  {
    id: 'NG-LIST-02',
    title: 'The body is a list object: object "list" and a data array',
    level: 'MUST',
    reference: ref(SEED, 'Compatibility', 'All models endpoints return:'),
    run: eachSurface(TEXT_ALL, (ex) => expectListObject(ex, 'nanogpt/models-list.schema.json#/properties/object')),
  },
  {
    id: 'NG-LIST-03',
    title: 'Every model has id (string), object "model", created (number) and owned_by (string)',
    level: 'MUST',
    reference: ref(SEED, 'Basic Fields (Always Present)', 'Always “model” for OpenAI compatibility',
      'The seeds type created as "number"; the vendor OpenAPI and OpenAI say integer. The schema accepts any number; integer-ness is NG-LIST-05 (SHOULD).'),
    run: eachSurface(TEXT_BASIC, (ex) => {
      const { body } = listOf(ex);
      expectSchema(ex, body, 'nanogpt/models-list.schema.json');
      return pass(`${(body.data as unknown[]).length} models with the four basic fields`, [ex]);
    }),
  },
  {
    id: 'NG-LIST-04',
    title: 'created is a Unix time in seconds (not milliseconds, not negative, not in the future)',
    level: 'MUST',
    reference: ref(SEED, 'Basic Fields (Always Present)', 'Unix timestamp of response creation',
      'The vendor examples use values from 123 to 1736966400, so any non-negative value up to one day past our clock is accepted; larger values are milliseconds or garbage.'),
    run: eachSurface(TEXT_BASIC, (ex, ctx) => {
      const { limit } = expectCreatedInSeconds(ex, listOf(ex).items, ctx.nowSeconds()); // types: NG-LIST-03
      return pass(`every created value is between 0 and ${limit}`, [ex]);
    }),
  },
  {
    id: 'NG-LIST-05',
    title: 'created is an integer',
    level: 'SHOULD',
    reference: ref(SEED, 'Compatibility', 'Responses mirror OpenAI’s Models API shape.',
      'OpenAI and the vendor OpenAPI type created as an integer; the seeds say "number", so a fraction is a SHOULD failure, not a MUST one.'),
    run: eachSurface(TEXT_ALL, (ex) => {
      const { items } = listOf(ex);
      expectEveryItem(ex, items, 'created', (created, i) =>
        typeof created === 'number' && !Number.isInteger(created) ? { message: `/data/${i}/created = ${created} is not an integer`, expected: 'an integer', received: String(created) } : undefined);
      return pass('every created value is an integer', [ex]);
    }),
  },
  {
    id: 'NG-LIST-06',
    title: 'Model ids are unique',
    level: 'MUST',
    reference: ref(SEED, 'Basic Fields (Always Present)', 'Unique model identifier'),
    run: eachSurface(TEXT_ALL, expectUniqueIds),
  },
  {
    id: 'NG-LIST-07',
    title: 'The basic (default) mode carries no pricing',
    level: 'MUST',
    reference: ref(SEED, 'Basic Response (Default)', 'Standard OpenAI-compatible format without pricing information:'),
    run: eachSurface(TEXT_BASIC, (ex) => {
      const { items } = listOf(ex);
      expectEveryItem(ex, items, 'pricing', (pricing, i, item) =>
        pricing !== undefined ? { message: `/data/${i} (${String((item as { id?: unknown }).id)}) carries pricing without detailed=true`, expected: 'no pricing field in basic mode', received: JSON.stringify(pricing)?.slice(0, 120) } : undefined);
      return pass('no model carries pricing', [ex]);
    }),
  },
  {
    id: 'NG-LIST-08',
    title: 'detailed=false gives the same basic list as the default',
    level: 'MUST',
    reference: ref(SEED, 'Query Parameters', 'detailedbooleanfalseReturns detailed model information including pricing and capabilities'),
    async run(ctx) {
      const [, b] = await compareAnswers(ctx, basic, get(MODELS, { detailed: 'false' }), 'same order', 'detailed=false and the default list differ');
      expectEveryItem(b.ex, b.items, 'pricing', (pricing, i) =>
        pricing !== undefined ? { message: `detailed=false: /data/${i} carries pricing`, expected: 'the basic form (no pricing)', received: JSON.stringify(pricing)?.slice(0, 120) } : undefined);
      return pass(`detailed=false lists the same ${b.ids.length} models in the basic form`, [b.ex]);
    },
  },
]);
