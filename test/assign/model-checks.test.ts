import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkModelDocument, type ModelDocument } from '../../src/assign/model-schema.js';
import { assignPapers } from '../../pipeline/assign.js';
import { float32Base64, float32FromBase64, int32FromBase64 } from '../../pipeline/outputs/base64-arrays.js';
import { parseCsvRows } from '../../src/table/csv-parse.js';
import { cli } from '../helpers/cli.js';
import { syntheticPapers, toJsonl } from '../helpers/synthetic.js';

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
type Doc = Mutable<ModelDocument> & Record<string, unknown>;
const decoders = { float32: float32FromBase64, int32: int32FromBase64 };

describe('assign checks its model and inputs', () => {
  let work: string;
  let good: Doc;
  // Filled in once the model exists: vocabulary size V, LSA components C.
  let V = 0;
  let C = 0;

  /** Writes a corrupted copy of the model (a document, or JSON text) and returns its path. */
  function corrupted(name: string, corrupt: (doc: Doc) => unknown): string {
    const out = corrupt(structuredClone(good));
    writeFileSync(join(work, 'bad', `${name}.json`), typeof out === 'string' ? out : JSON.stringify(out));
    return join(work, 'bad', `${name}.json`);
  }

  /** `assign` in this process (a CLI start per case would take seconds): its result and its lines. */
  async function assignWith(model: string) {
    const lines: string[] = [];
    const options = { inputs: [join(work, 'new')], model, out: join(work, 'assigned-in-process'), year: null };
    return { summary: await assignPapers(options, (line) => lines.push(line)), lines };
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'topic-atlas-assign-'));
    for (const dir of ['dumps', 'new', 'bad']) mkdirSync(join(work, dir));
    writeFileSync(
      join(work, 'dumps', 'a.jsonl'),
      toJsonl([...syntheticPapers('robots', 6, 1), ...syntheticPapers('astronomy', 6, 2)]),
    );
    writeFileSync(join(work, 'new', 'robots.jsonl'), toJsonl(syntheticPapers('robots', 3, 21)));
    expect((await cli(['run', 'dumps', '--out', 'out', '--k', '2', '--no-cache', '--quiet'], work)).code).toBe(0);
    good = JSON.parse(readFileSync(join(work, 'out', 'model.json'), 'utf8')) as Doc;
    V = good.vocabulary.terms.length;
    C = good.lsa.termMap.shape[1];
  });

  it('accepts the model a run wrote', () => {
    const checked = checkModelDocument(good, decoders);
    expect('model' in checked && checked.model.topicIds).toEqual([0, 1]);
  });

  it.each<{ name: string; corrupt: (d: Doc) => unknown; line: () => string }>([
    {
      name: 'bad-base64',
      corrupt: (d: Doc) => ((d.centroids.data = `${d.centroids.data.slice(0, 8)}!${d.centroids.data.slice(9)}`), d),
      line: () => 'centroids.data is not base64 of 32-bit floats',
    },
    {
      name: 'short-idf',
      corrupt: (d: Doc) => (d.vocabulary.idf.pop(), d),
      line: () => `vocabulary.idf has ${V - 1} values, expected ${V} (one per vocabulary term)`,
    },
    {
      name: 'half-centroids',
      corrupt: (d: Doc) => {
        d.centroids = { shape: [1, C], data: float32Base64(float32FromBase64(d.centroids.data)!.subarray(0, C)) };
        return d;
      },
      line: () => 'centroids has 1 row, expected 2 (one per topic id)',
    },
    {
      name: 'nan-in-term-map',
      corrupt: (d: Doc) => {
        const data = float32FromBase64(d.lsa.termMap.data)!;
        data[2 * C + 1] = NaN;
        d.lsa.termMap.data = float32Base64(data);
        return d;
      },
      line: () => 'lsa.termMap.data has NaN at row 2, column 1, expected finite numbers',
    },
    // JSON has no NaN: JSON.stringify writes null for it, and JSON.parse reads 1e999 as Infinity.
    {
      name: 'null-idf',
      corrupt: (d: Doc) => ((d.vocabulary.idf[3] = NaN), d),
      line: () => 'vocabulary.idf[3] is null, expected a finite number',
    },
    {
      name: 'infinite',
      corrupt: (d: Doc) => JSON.stringify(d).replace(/"minSimilarity":[^,]+/, '"minSimilarity":1e999'),
      line: () => 'minSimilarity is Infinity, expected a finite number',
    },
    { name: 'null', corrupt: () => null, line: () => 'the model is null, expected an object' },
    {
      name: 'no-params',
      corrupt: (d: Doc) => (Reflect.deleteProperty(d, 'params'), d),
      line: () => 'params is missing, expected an object',
    },
    {
      name: 'old-format',
      corrupt: (d: Doc) => ({ ...d, formatVersion: 1 }),
      line: () => 'formatVersion is 1, expected 2 (run again to refit the model)',
    },
  ])('rejects a model with $name in one line naming the file and field', async ({ name, corrupt, line }) => {
    const model = corrupted(name, corrupt);
    expect(await assignWith(model)).toEqual({ summary: null, lines: [`error ${model}: ${line()} [invalid-model]`] });
  });

  it('says a model that is not JSON, or not there, cannot be read', async () => {
    const notJson = await assignWith(corrupted('not-json', () => '{"format": "topic-atlas-model", '));
    expect(notJson.summary).toBe(null);
    expect(notJson.lines).toEqual([
      expect.stringMatching(/^error .*\/not-json\.json: is not JSON \(.+\) \[unreadable-model\]$/),
    ]);
    const none = join(work, 'bad', 'none.json');
    expect(await assignWith(none)).toEqual({
      summary: null,
      lines: [`error ${none}: no such file (\`topic-atlas run\` writes one) [unreadable-model]`],
    });
  });

  it('exits 1 on a bad model with that one line on stderr, no stack trace, and writes nothing', async () => {
    corrupted('cli', (d) => ((d.vocabulary.idf.length = 2), d));
    const { code, stderr } = await cli(['assign', 'new', '--model', 'bad/cli.json', '--out', 'assigned-cli'], work);
    expect(stderr).toBe(
      `error bad/cli.json: vocabulary.idf has 2 values, expected ${V} (one per vocabulary term) [invalid-model]\n`,
    );
    expect(code).toBe(1);
    expect(existsSync(join(work, 'assigned-cli'))).toBe(false);
  });

  it('checks what only the reader can: the dimensions the representation implies', () => {
    const checked = checkModelDocument({ ...good, representation: 'tfidf' }, decoders);
    expect(checked).toEqual({ problem: `centroids has ${C} columns, expected ${V} (one per vocabulary term)` });
    const truncated = structuredClone(good);
    truncated.centroids.data = float32Base64(float32FromBase64(good.centroids.data)!.subarray(0, C));
    expect(checkModelDocument(truncated, decoders)).toEqual({
      problem: `centroids.data holds ${C} values, expected ${2 * C} (shape 2 × ${C})`,
    });
  });

  it.runIf(process.platform === 'linux')(
    'places the readable inputs, names the unreadable ones, and exits 1',
    async () => {
      // A regular file whose read fails even for root (chmod 000 would not stop root): EIO at offset 0.
      mkdirSync(join(work, 'mixed'));
      writeFileSync(join(work, 'mixed', 'robots.jsonl'), toJsonl(syntheticPapers('robots', 3, 31)));
      const { code, stderr } = await cli(
        ['assign', 'mixed', '/proc/self/mem', 'missing.jsonl', '--model', 'out/model.json', '--out', 'assigned-mixed'],
        work,
      );
      expect(stderr).toContain('error missing.jsonl:1 No such file or folder [input-not-found]\n');
      expect(stderr).toContain('error /proc/self/mem:1 Cannot read this file (EIO) [unreadable-input]\n');
      expect(code).toBe(1);
      const rows = parseCsvRows(readFileSync(join(work, 'assigned-mixed', 'assigned.csv'), 'utf8')).filter(
        (r) => r.cells.length > 1,
      );
      expect(rows).toHaveLength(1 + 3);
    },
  );
});
