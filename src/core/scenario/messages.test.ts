import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, ScenarioError } from './parse.ts';
import { parsePolicyList, PolicyError } from '../policies/index.ts';

// docs/SCENARIO.md quotes error messages. Each quoted block is marked in the doc and must equal,
// line for line, what the code says for the inputs below: the doc cannot drift from the code.
// To change a message: change the code, run this test, paste the "received" block into the doc.

const DOC = readFileSync(join(import.meta.dirname, '../../../docs/SCENARIO.md'), 'utf8');

/** The fenced block right after `<!-- messages:NAME -->` in the doc. */
function docBlock(name: string): string[] {
  const m = new RegExp(`<!-- messages:${name} -->\\s*\`\`\`\\n([\\s\\S]*?)\`\`\``).exec(DOC);
  if (!m) throw new Error(`docs/SCENARIO.md has no block <!-- messages:${name} -->`);
  return m[1]!.trimEnd().split('\n');
}

const sc = (extra: object, steps: unknown[] = []): string =>
  JSON.stringify({ version: 1, device: { tableSize: 4 }, ...extra, steps });
const step = (s: object): string => sc({}, [s]);

/** Inputs whose messages the doc quotes, in the doc's order. */
const SCENARIO_INPUTS: string[] = [
  '{"version": 1,\n  "device": {"tableSize": 4}\n  "steps": []}',
  '{"version": 1, // a comment\n}',
  '[1, 2]',
  `{"seed": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
  '{"version": 1, "device": {"tableSize": 4}, "device": {"tableSize": 8}, "steps": []}',
  sc({ version: 2 }),
  sc({ colour: 1 }),
  sc({ [`x${'y'.repeat(199_999)}`]: 1 }),
  step({ at: 0, op: 'raise', vector: 0, foo: 1 }),
  JSON.stringify({ version: 1, device: {}, steps: [] }),
  JSON.stringify({ version: 1, device: { tableSize: 0 }, steps: [] }),
  JSON.stringify({ version: 1, device: [], steps: [] }),
  sc({ seed: 'seven hundred and seventy seven' }),
  JSON.stringify({ version: 1, device: { tableSize: 4 }, steps: 'none' }),
  step({ at: '0', op: 'raise', vector: 0 }),
  step({ at: 1.5, op: 'raise', vector: 0 }),
  step({ at: 0, op: 'frob' }),
  step({ at: 0, op: 'raise', vector: 4 }),
  step({ at: 0, op: 'table-write', offset: 0, size: 2, value: 0 }),
  step({ at: 0, op: 'table-write', offset: 2, size: 4, value: 0 }),
  step({ at: 0, op: 'table-write', offset: 64, size: 4, value: 0 }),
  step({ at: 0, op: 'config-write', offset: 1, size: 2, value: 0 }),
  step({ at: 0, op: 'config-write', offset: 12, size: 1, value: 0 }),
  step({ at: 0, op: 'linux-alloc-vectors', nvec: 5 }),
  step({ at: 0, op: 'raise', vector: 0, until: 10 }),
  step({ at: 0, op: 'raise', vector: 0, every: 10 }),
  step({ at: 10, op: 'raise', vector: 0, every: 10, until: 5 }),
  step({ at: 0, op: 'poisson', vector: 0, meanNs: 0, until: 5 }),
  step({ at: 0, op: 'mailbox', replyVector: 9 }),
  sc({ host: { irqBudget: 65537 } }),
  sc({ host: { paravirtGrant: 'some' } }),
  sc({ policies: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }),
  step({ at: 0, op: 'raise', vector: 0, every: 1, until: 1e12 }),
  JSON.stringify({
    version: 1,
    device: { tableSize: 2048 },
    limits: { maxEvents: 1_000_000 },
    steps: Array.from({ length: 2000 }, (_, i) => ({ at: i, op: 'linux-alloc-vectors', nvec: 2048 })),
  }),
];

const POLICY_INPUTS = [
  'magic',
  'dynamic-alloc:color=red',
  'dynamic-alloc:enable',
  'dynamic-alloc:frontend=xen',
  'data-hack:growth=dynamic',
  'dynamic-alloc:growth=resetup',
  'dynamic-alloc:frontend=pci-assign',
  'dynamic-alloc:enable=bogus',
];

function messageOf(f: () => unknown, cls: typeof ScenarioError | typeof PolicyError): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(cls);
    return `msix-lab: ${(e as Error).message}`;
  }
  throw new Error('expected an error');
}

describe('docs/SCENARIO.md quotes the real error messages', () => {
  it('scenario errors (§4)', () => {
    expect(SCENARIO_INPUTS.map((t) => messageOf(() => parseScenarioText(t), ScenarioError))).toEqual(
      docBlock('scenario'),
    );
  });
  it('policy errors (§7)', () => {
    expect(POLICY_INPUTS.map((p) => messageOf(() => parsePolicyList(p), PolicyError))).toEqual(docBlock('policy'));
  });
});
