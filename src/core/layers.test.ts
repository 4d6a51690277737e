import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CORE_ALLOWLIST } from '../../eslint.config.js';

/**
 * The core's structure, from its import statements (type-only imports count: they are layering
 * too). Folders must form a DAG, and the modules the app may import must not reach device logic
 * through their own imports.
 */
const CORE = new URL('.', import.meta.url).pathname;
const IMPORT = /(?:^|\n)\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"](\.{1,2}\/[^'"]+)['"]/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === '__golden__' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** file (relative to src/core) -> the core files it imports. */
function importGraph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const abs of sources(CORE)) {
    const text = readFileSync(abs, 'utf8');
    const deps = [...text.matchAll(IMPORT)].map((m) => relative(CORE, resolve(dirname(abs), m[1]!)));
    g.set(
      relative(CORE, abs),
      deps.filter((d) => !d.startsWith('..')),
    );
  }
  return g;
}

const folderOf = (f: string): string => (f.includes('/') ? f.slice(0, f.indexOf('/')) : '(root)');

/** A folder cycle as "a -> b -> a", with one import that makes each edge, or null. */
function findCycle(files: Map<string, string[]>): string | null {
  const edges = new Map<string, Map<string, string>>();
  for (const [f, deps] of files) {
    for (const d of deps) {
      const a = folderOf(f),
        b = folderOf(d);
      if (a === b) continue;
      if (!edges.has(a)) edges.set(a, new Map());
      if (!edges.get(a)!.has(b)) edges.get(a)!.set(b, `${f} imports ${d}`);
    }
  }
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (a: string): string | null => {
    state.set(a, 1);
    stack.push(a);
    for (const [b, why] of edges.get(a) ?? []) {
      if (state.get(b) === 1) {
        const loop = [...stack.slice(stack.indexOf(b)), b];
        return loop.join(' -> ') + ` (e.g. ${why})`;
      }
      if (!state.has(b)) {
        const c = visit(b);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(a, 2);
    return null;
  };
  for (const a of edges.keys()) {
    if (state.has(a)) continue;
    const c = visit(a);
    if (c) return c;
  }
  return null;
}

describe('core layering', () => {
  const graph = importGraph();

  it('parses the imports (sanity: the machine imports the host device, the replay imports the log vocabulary)', () => {
    expect(graph.get('machine/simulate.ts')).toContain('host/host-device.ts');
    expect(graph.get('replay/replay.ts')).toContain('engine/events.ts');
    expect(graph.get('hv/vfio-pci.ts')).toContain('device/qemu-msix.ts');
  });

  it('has no folder cycles', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('detects a cycle when there is one (the check itself works)', () => {
    const g = new Map(graph);
    g.set('engine/fixture.ts', ['analysis/metrics.ts']);
    g.set('analysis/fixture.ts', ['engine/log.ts']);
    expect(findCycle(g)).toMatch(/engine -> analysis -> engine|analysis -> engine -> analysis/);
  });

  it('the replay imports nothing from hv/, device/, host/ or guest/', () => {
    for (const f of ['replay/replay.ts', 'replay/machine-state.ts'])
      for (const d of graph.get(f)!) expect(d).not.toMatch(/^(hv|device|host|guest|machine)\//);
  });

  it("the app's allowlisted modules reach no device logic through their own imports", () => {
    const seen = new Set<string>();
    const todo = [...APP_CORE_ALLOWLIST];
    while (todo.length) {
      const f = todo.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      expect(graph.has(f), `${f} exists`).toBe(true);
      todo.push(...graph.get(f)!);
    }
    const reached = [...seen].filter((f) => /^(hv|device|host|guest|machine)\/|^run\.ts$|^index\.ts$/.test(f));
    expect(reached).toEqual([]);
  });
});
