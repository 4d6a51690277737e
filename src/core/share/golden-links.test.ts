import { describe, expect, it } from 'vitest';
import { decodeLink } from './codec.ts';

/**
 * Links written by earlier and current versions. They must keep decoding, to the same state,
 * forever: links live on in mailing-list archives. If one stops decoding, add a migration
 * (payload.ts), never change these strings or their expected states.
 */
const TWO_VECTORS = {
  version: 1,
  seed: 7,
  device: { tableSize: 4 },
  steps: [
    { at: 0, op: 'linux-alloc-vectors', nvec: 2 },
    { at: 100, op: 'raise', vector: 0 },
  ],
};
const DEFAULT_SCENARIO = {
  version: 1,
  name: 'default',
  seed: 7,
  device: { tableSize: 8 },
  host: { irqBudget: 64 },
  steps: [
    { at: 0, op: 'linux-alloc-vectors', nvec: 4 },
    { at: 5000, op: 'raise', vector: 0 },
    { at: 10000, op: 'linux-request-irq', vector: 0 },
    { at: 12000, op: 'linux-request-irq', vector: 1 },
    { at: 14000, op: 'linux-request-irq', vector: 2, noAutoEn: true },
    { at: 20000, op: 'raise', vector: 0, every: 3000, until: 400000 },
    { at: 21000, op: 'raise', vector: 1, every: 5000, until: 400000 },
    { at: 60000, op: 'raise', vector: 2 },
    { at: 150000, op: 'linux-enable-irq', vector: 2 },
    { at: 250000, op: 'linux-request-irq', vector: 3 },
    { at: 300000, op: 'raise', vector: 3, every: 10000, until: 400000 },
  ],
};
const SEED4 = ['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc'];

describe('v1 links (the first app: scenario always inline, no checksum, selection by row)', () => {
  it('a hand-made v1 link decodes to its scenario and policies', () => {
    const V1 =
      'v1.NYxBCsMgEEXv8tcGklIoeI0uQxZTHajUalArbcW7d4pkN8N7_zVk6IbKKbsYoBeFzGyhLwqWqzP8x4Vunq_uK8-5i1F4l9naQAV6Vog7NLwLr_dE3kczVTYlpgyFICf0qashL_OhJ3KZRRiqZPomaSErLBWa7mQegu0n0NOZ0cXWfw';
    expect(decodeLink(V1)).toEqual({ version: 1, scenario: TWO_VECTORS, policies: ['data-hack', 'dynamic-alloc'] });
  });

  it("the default preset at its first loss, as the app's v1 encoder wrote it (with view and row selection)", () => {
    // Produced by src/app/share/link.ts encodeShare at commit 64b523d: the data-hack pane's first
    // LOST row (row 45, t = 5000 ns, vector 0) selected. v1 selections are rows: they migrate to
    // { pane, row } and the app resolves the row against today's log (v2 links use keys instead).
    const V1 =
      'v1.jVLLTsMwEPyXPTtSmj5AuYHEF3CsejDJ0loEu_UjUKL-O-PmIQIJ6s1ez8zurKchR3lDNVunjKZ8IUjLd6acSn6VofIkyDGXlN8JlGpV4K0hL18qflZfuNxfBB2M87Gs7OkxlHvGZbNC3Xk-Qn_bkEQpFWSOUK6UDp-JrCpTJDUX3liHLhpHysFqwes07fFWKsdAtFjo9JgFMGNRy6fAzicYZJKQ3UZYDITVbYQM85uH4M0Tduht4F4gNpz1IYix-DPlyysoaK8qrCBShpGzaHJGAJ_VCbTbmhTY_DNBNviMAmOjrOMf__Y5jPWXML2ZZc-IHmcHWQ5Ouj8dW9khS6BtqZReJgdZvMVYKr3HgJ2EIM_SluZDJ459OKJQnhFlVbRJo50ghRj_yHUdI4vMtcvD2zYV14aAOkb3eF_vLpdv';
    const d = decodeLink(V1);
    expect(d.version).toBe(1);
    expect(d.scenario).toEqual(DEFAULT_SCENARIO);
    expect(d.policies).toEqual(SEED4);
    expect(d.name).toBe('default');
    expect(d.view).toEqual({ cursor: 5000, domain: [0, 40000], selected: { pane: 0, row: 45 } });
  });
});

describe('v2 links (checksum; an unedited preset by id; selection by event key; note)', () => {
  it('an unedited preset is its id only', () => {
    const d = decodeLink(
      'v2.1vRaZvFq.DcjLDYAgDADQXXq2C7CK8VD5KLFQAhU1xt3l-N4L0YGBHrAETBR5lRsmKGBmcKSEO9ljRIt5Y4_dW5U6rJ6qkytj83qWEe7JlKJFYhYLy_cD',
    );
    expect(d).toMatchObject({ version: 2, preset: 'vf-pf-mailbox', policies: SEED4 });
    expect(d.view).toBeUndefined();
    expect(d.note).toBeUndefined();
  });

  it('a preset at a moment, with a composed policy, a raise selected by key and a note', () => {
    const d = decodeLink(
      'v2.zTD9YIC2.PY7BCoMwEER_ZZlzAkmhl0C_RHpIzVrFEEuyehH_vSuCl2FmGB6zY0oISDzENQsMfggdUpRox9jPWrSpfDPbjXtZauASP5lfV3J2SNbjbVAWYcVcNTmKtU4bN8pRmNaSuJKMTEMi6-liKHpD2NEjPLxzzkCPdKdz5nmqYhvnc6KfvIHcw6bOYEZwx3H8AQ',
    );
    expect(d).toMatchObject({
      version: 2,
      preset: 'default',
      policies: ['data-hack', 'single-vector:enable=vector0-fd-1'],
      note: 'vector 0 arrives late under the fd -1 enable',
      view: { cursor: 21000, domain: [10000, 50000], selected: { pane: 1, key: { t: 21000, stream: 2, k: 0 } } },
    });
  });

  it('an edited scenario travels inline, with its name, a non-ASCII note and a non-raise row selected by key', () => {
    const d = decodeLink(
      'v2._h6_9pBI.VZBBbsIwEEWvYs3akQJl5U0P0WWEKpNMFQs3BtsEaGSJQ3TZXo6T9DtukFhEifVf3p_xRIHURCP7YNxAaiVp0J9MiuLZiZHb6HyQgjsTuSNJgfFSL5I6Hk0LbqKod5bfzBcOmwQi8gHOZiIdSdWS3AE2a4bTpdLWurb6t8I24JPUOskCr-oF99oEBlBQJAuyfiDF6Pl44hAr449P-BaTgGqo01FXvW73iLsrdjNtGYO26HdxXrVnMTeKHX84j0OxvsMqTBDWhSjut288P-f--nq__eayvDzGn6fGpTS13NQ1rIFtjlCPYFkr92QPfrzM17xHnFL6Aw',
    );
    expect(d).toEqual({
      version: 2,
      scenario: {
        version: 1,
        name: 'two vectors, edited',
        seed: 3,
        device: { tableSize: 4 },
        steps: [
          { at: 0, op: 'linux-alloc-vectors', nvec: 2 },
          { at: 100, op: 'raise', vector: 1 },
          { at: 200, op: 'linux-request-irq', vector: 1 },
        ],
      },
      policies: ['data-hack', 'dynamic-alloc'],
      name: 'two vectors, edited',
      note: 'the raise before request_irq is lost — “why?”',
      view: { cursor: 100, domain: [0, 400], selected: { pane: 0, key: { t: 100, kind: 'lost', vec: 1, k: 0 } } },
    });
  });
});
