/** The metadata object codex-lb adds to every model, field by field. */
import { checks, ref } from '../define.js';
import { expectSchema, fail, isObject, listOf, pass } from '../../src/core/expect.js';
import { validate } from '../../src/contract/schemas.js';
import { expectEveryItem } from '../common.js';
import { SEED } from './requests.js';
import { eachSurface } from '../surfaces.js';
import { KEYED } from './surfaces.js';

const METADATA = 'codex-lb/model-metadata.schema.json';

export const metadataChecks = checks('metadata', [
  {
    id: 'CLB-META-01',
    title: 'Every model carries a metadata object',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Model Object', 'Extended model metadata with capabilities and configuration.'),
    run: eachSurface(KEYED, (ex) => {
      const { items } = listOf(ex);
      expectEveryItem(ex, items, 'metadata', (metadata, i) =>
        isObject(metadata) ? undefined : { message: `/data/${i}/metadata is ${metadata === undefined ? 'missing' : JSON.stringify(metadata)?.slice(0, 60)}`, expected: 'a metadata object', received: JSON.stringify(metadata)?.slice(0, 120) ?? 'undefined' });
      return pass(`${items.length} models, each with a metadata object`, [ex]);
    }),
  },
  {
    id: 'CLB-META-02',
    title: 'metadata has every documented field with its type (reasoning levels as {effort, description})',
    level: 'MUST',
    requires: ['apiKey'],
    reference: ref(SEED, 'Model Metadata', 'Human-readable model name.',
      'Every field the "Model Metadata" section lists is required with its type (schemas/codex-lb/model-metadata.schema.json). default_reasoning_level, default_verbosity and minimal_client_version may be null: the real server emits null when the upstream catalogue has no value. Extra fields are allowed.'),
    run: eachSurface(KEYED, (ex) => {
      const { items } = listOf(ex);
      items.forEach((item, i) => {
        const metadata = isObject(item) ? item.metadata : undefined;
        if (isObject(metadata)) expectSchema(ex, metadata, METADATA, `/data/${i}/metadata`); // presence is CLB-META-01
      });
      return pass(`${items.length} metadata objects, each with the 14 documented fields correctly typed`, [ex]);
    }),
  },
  {
    id: 'CLB-META-03',
    title: 'input_modalities values are among text, image, audio, video',
    level: 'SHOULD',
    requires: ['apiKey'],
    reference: ref(SEED, 'Model Metadata', 'Supported input modalities.Possible values: "text": Text input"image": Image input"audio": Audio input"video": Video input',
      'The list is closed in the docs, but codex-lb copies modalities from the upstream catalogue, which may add one before the docs do: an undocumented value is a SHOULD failure.'),
    run: eachSurface(KEYED, (ex) => {
      const { items } = listOf(ex);
      const seen = new Set<string>();
      items.forEach((item, i) => {
        const modalities = isObject(item) && isObject(item.metadata) ? item.metadata.input_modalities : undefined;
        if (!Array.isArray(modalities)) return; // typed by CLB-META-02
        modalities.forEach((m, j) => {
          if (validate(`${METADATA}#/$defs/documentedModality`, m).length) {
            fail({ message: `/data/${i}/metadata/input_modalities/${j} = ${JSON.stringify(m)} is not a documented modality`, pointer: `/data/${i}/metadata/input_modalities/${j}`, keyword: 'enum', expected: 'one of "text", "image", "audio", "video"', received: JSON.stringify(m), exchanges: [ex] });
          }
          seen.add(String(m));
        });
      });
      return pass(`modalities used: ${[...seen].join(', ') || '(none)'}`, [ex]);
    }),
  },
  {
    id: 'CLB-META-04',
    title: 'The list is in priority order: a model never follows one of lower metadata.priority (ties in any order)',
    level: 'SHOULD',
    requires: ['apiKey'],
    reference: ref(SEED, 'Model Metadata', 'Model priority for selection and display ordering. Higher values indicate higher priority.',
      'The page lists "Priority-based model ordering" among the additions to OpenAI\'s format and says higher values mean higher priority, so a list is read highest priority first; equal priorities may come in any order, and models without a numeric priority are not ranked (their type is CLB-META-02\'s). The page does not say MUST, and the real server lists in registry order, hence SHOULD (docs/profile-rulings.md#codex-lb-priority-order).'),
    run: eachSurface(KEYED, (ex) => {
      const { items } = listOf(ex);
      const ranked = items.flatMap((item, index) => {
        const priority = isObject(item) && isObject(item.metadata) ? item.metadata.priority : undefined;
        return typeof priority === 'number' && Number.isFinite(priority) ? [{ index, priority, id: isObject(item) ? String(item.id) : '?' }] : [];
      });
      ranked.forEach((cur, k) => {
        const prev = ranked[k - 1];
        if (prev && cur.priority > prev.priority) {
          fail({
            message: `/data/${cur.index} (${cur.id}, priority ${cur.priority}) comes after /data/${prev.index} (${prev.id}, priority ${prev.priority})`,
            pointer: `/data/${cur.index}/metadata/priority`,
            expected: 'priorities that never increase down the list (higher priority first)',
            received: ranked.map((r) => r.priority).join(', '),
            exchanges: [ex],
          });
        }
      });
      return pass(ranked.length ? `${ranked.length} ranked models, highest priority first` : 'no model carries a numeric priority: nothing to order', [ex]);
    }),
  },
]);
