import { describe, expect, it } from 'vitest';
import {
  parsePolicyList,
  parsePolicySpec,
  PolicyError,
  POLICIES,
  SEED_POLICY_IDS,
  VALID,
  describeAxis,
} from './index.ts';

function errorOf(f: () => unknown): PolicyError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return e as PolicyError;
  }
  throw new Error('expected a PolicyError');
}

describe('the named policies', () => {
  it('have unique ids, the four seed policies first', () => {
    const ids = POLICIES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 4)).toEqual([...SEED_POLICY_IDS]);
  });

  it('are each a valid point on the axes of their front end', () => {
    for (const p of POLICIES) {
      const ok = VALID[p.axes.frontEnd];
      expect(ok.enable).toContain(p.axes.enable);
      expect(ok.growth).toContain(p.axes.growth);
    }
  });

  // domain.md §5 version matrix.
  it('map to the strategies of the version matrix', () => {
    const axes = (id: string) => parsePolicySpec(id).axes;
    expect(axes('data-hack')).toEqual({ frontEnd: 'pci-assign', enable: 'data-count', growth: 'resetup' });
    expect(axes('single-vector')).toEqual({
      frontEnd: 'qemu-msix',
      enable: 'vector0-requested',
      growth: 'teardown-setup',
    });
    expect(axes('dynamic-alloc')).toEqual({ frontEnd: 'qemu-msix', enable: 'vector0-fd-1', growth: 'dynamic' });
    expect(axes('allocate-all')).toEqual({ frontEnd: 'qemu-msix', enable: 'all', growth: 'none' });
  });

  it('have a help text for every axis value', () => {
    for (const fe of Object.keys(VALID) as (keyof typeof VALID)[]) {
      expect(describeAxis(fe)).not.toBe(fe);
      for (const v of [...VALID[fe].enable, ...VALID[fe].growth]) expect(describeAxis(v)).not.toBe(v);
    }
  });
});

describe('parsePolicySpec', () => {
  it('resolves a bare id to its base axes with no overrides', () => {
    const p = parsePolicySpec('dynamic-alloc');
    expect(p.spec).toBe('dynamic-alloc');
    expect(p.base.id).toBe('dynamic-alloc');
    expect(p.overrides).toEqual({});
  });

  it('trims whitespace around the id and around axis=value parts', () => {
    expect(parsePolicySpec('  data-hack ').spec).toBe('data-hack');
    expect(parsePolicySpec('single-vector: enable = all ').spec).toBe('single-vector:enable=all');
  });

  it('treats an empty override list ("id:") as the bare id', () => {
    expect(parsePolicySpec('teardown-setup:').spec).toBe('teardown-setup');
  });

  it('applies an enable override', () => {
    const p = parsePolicySpec('teardown-setup:enable=all');
    expect(p.axes).toEqual({ frontEnd: 'qemu-msix', enable: 'all', growth: 'teardown-setup' });
    expect(p.overrides).toEqual({ enable: 'all' });
    expect(p.spec).toBe('teardown-setup:enable=all');
  });

  it('applies several overrides and writes them in canonical order (frontend, enable, growth)', () => {
    const p = parsePolicySpec('data-hack:growth=none,enable=all,frontend=qemu-msix');
    expect(p.axes).toEqual({ frontEnd: 'qemu-msix', enable: 'all', growth: 'none' });
    expect(p.spec).toBe('data-hack:frontend=qemu-msix,enable=all,growth=none');
  });

  it('accepts frontEnd as a spelling of frontend', () => {
    expect(parsePolicySpec('dynamic-alloc:frontEnd=qemu-msix').axes.frontEnd).toBe('qemu-msix');
  });

  it('drops overrides equal to the base from the canonical spec', () => {
    expect(parsePolicySpec('teardown-setup:enable=lazy').spec).toBe('teardown-setup');
    expect(parsePolicySpec('single-vector:enable=vector0-fd-1,growth=teardown-setup').spec).toBe(
      'single-vector:enable=vector0-fd-1',
    );
  });

  it('gives equal specs for equal policies, so the canonical spec round-trips', () => {
    const once = parsePolicySpec('single-vector: growth = dynamic , enable=vector0-fd-1');
    expect(parsePolicySpec(once.spec)).toEqual(once);
  });

  it('rejects an axis given twice and a value containing "="', () => {
    expect(errorOf(() => parsePolicySpec('teardown-setup:enable=all,enable=vector0-fd-1')).message).toMatch(
      /axis "enable" is given twice/,
    );
    expect(errorOf(() => parsePolicySpec('teardown-setup:enable=a=b')).message).toMatch(
      /"enable=a=b" must be axis=value/,
    );
  });

  it('accepts data-hack:enable=lazy (the pre-2012 masked test)', () => {
    expect(parsePolicySpec('data-hack:enable=lazy').axes.enable).toBe('lazy');
  });
});

describe('parsePolicySpec errors', () => {
  it('names an unknown policy and lists the known ids', () => {
    const e = errorOf(() => parsePolicySpec('eager'));
    expect(e.name).toBe('PolicyError');
    expect(e.message).toBe(`unknown policy "eager"; known: ${POLICIES.map((p) => p.id).join(', ')}`);
  });

  it('is case-sensitive about ids', () => {
    expect(errorOf(() => parsePolicySpec('Data-Hack')).message).toMatch(/unknown policy "Data-Hack"/);
  });

  it('rejects an empty spec as an unknown policy', () => {
    expect(errorOf(() => parsePolicySpec('')).message).toMatch(/^unknown policy ""/);
  });

  it('rejects an override without a value', () => {
    expect(errorOf(() => parsePolicySpec('teardown-setup:enable')).message).toBe(
      'policy "teardown-setup:enable": "enable" must be axis=value (axes: frontend, enable, growth)',
    );
    expect(errorOf(() => parsePolicySpec('teardown-setup:enable=')).message).toMatch(/"enable=" must be axis=value/);
  });

  it('rejects an empty override between commas', () => {
    expect(errorOf(() => parsePolicySpec('teardown-setup:enable=all,,growth=dynamic')).message).toMatch(
      /"" must be axis=value/,
    );
  });

  it('names an unknown axis and lists the axes', () => {
    expect(errorOf(() => parsePolicySpec('dynamic-alloc:speed=fast')).message).toBe(
      'policy "dynamic-alloc:speed=fast": unknown axis "speed"; axes are frontend, enable, growth',
    );
  });

  it('rejects an unknown front end and lists the front ends', () => {
    expect(errorOf(() => parsePolicySpec('dynamic-alloc:frontend=xen')).message).toMatch(
      /frontend must be one of qemu-msix, pci-assign$/,
    );
  });

  it('rejects an enable value the front end does not implement and lists the allowed ones', () => {
    expect(errorOf(() => parsePolicySpec('data-hack:enable=vector0-fd-1')).message).toBe(
      'policy "data-hack:enable=vector0-fd-1": enable=vector0-fd-1 is not possible with frontend pci-assign; allowed: data-count, lazy, all',
    );
  });

  it('rejects a growth value the front end does not implement and lists the allowed ones', () => {
    expect(errorOf(() => parsePolicySpec('data-hack:growth=dynamic')).message).toMatch(
      /growth=dynamic is not possible with frontend pci-assign; allowed: resetup$/,
    );
    expect(errorOf(() => parsePolicySpec('dynamic-alloc:growth=resetup')).message).toMatch(
      /allowed: teardown-setup, dynamic, none, dynamic-nocache, ims$/,
    );
  });

  it('rejects a made-up enable value with the list of real ones', () => {
    expect(errorOf(() => parsePolicySpec('teardown-setup:enable=eager')).message).toMatch(
      /enable=eager is not possible with frontend qemu-msix; allowed: lazy, vector0-requested, vector0-fd-1, all, paravirt$/,
    );
  });

  it('checks the combination after a front-end switch: the base axes must fit the new front end', () => {
    expect(errorOf(() => parsePolicySpec('data-hack:frontend=qemu-msix')).message).toMatch(
      /enable=data-count is not possible with frontend qemu-msix/,
    );
    expect(errorOf(() => parsePolicySpec('teardown-setup:frontend=pci-assign')).message).toMatch(
      /growth=teardown-setup is not possible with frontend pci-assign/,
    );
  });

  it('accepts a front-end switch when the other axes are overridden to fit', () => {
    expect(parsePolicySpec('teardown-setup:frontend=pci-assign,enable=lazy,growth=resetup').axes).toEqual({
      frontEnd: 'pci-assign',
      enable: 'lazy',
      growth: 'resetup',
    });
  });
});

describe('parsePolicyList', () => {
  it('"all" gives every named policy in order', () => {
    expect(parsePolicyList('all').map((p) => p.spec)).toEqual(POLICIES.map((p) => p.id));
    expect(parsePolicyList(' all ')).toHaveLength(POLICIES.length);
  });

  it('splits a comma list of ids', () => {
    expect(parsePolicyList('data-hack,dynamic-alloc').map((p) => p.spec)).toEqual(['data-hack', 'dynamic-alloc']);
  });

  it('keeps commas that separate axis overrides inside one policy', () => {
    expect(parsePolicyList('teardown-setup:enable=all,growth=dynamic,data-hack').map((p) => p.spec)).toEqual([
      'teardown-setup:enable=all,growth=dynamic',
      'data-hack',
    ]);
  });

  it('splits on ";" when present', () => {
    expect(parsePolicyList('single-vector:enable=vector0-fd-1,growth=dynamic;data-hack').map((p) => p.spec)).toEqual([
      'single-vector:enable=vector0-fd-1,growth=dynamic',
      'data-hack',
    ]);
  });

  it('ignores empty items between semicolons', () => {
    expect(parsePolicyList('data-hack;;dynamic-alloc;').map((p) => p.spec)).toEqual(['data-hack', 'dynamic-alloc']);
  });

  it('reports the first bad policy of a list', () => {
    expect(errorOf(() => parsePolicyList('data-hack;nope')).message).toMatch(/unknown policy "nope"/);
    expect(errorOf(() => parsePolicyList('foo,data-hack')).message).toMatch(/unknown policy "foo"/);
  });

  it('reports an invalid override inside a list', () => {
    expect(errorOf(() => parsePolicyList('dynamic-alloc,data-hack:growth=dynamic')).message).toMatch(
      /growth=dynamic is not possible with frontend pci-assign/,
    );
  });
});
