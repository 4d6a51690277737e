import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../core/index.ts';
import { findPreset } from '../core/index.ts';

// The CLI as a user runs it (node bin/msix-lab.mjs), reading and writing the page's links.
const BIN = join(import.meta.dirname, '../../bin/msix-lab.mjs');
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', ...(input === undefined ? {} : { input }) });
const tmp = mkdtempSync(join(tmpdir(), 'msix-link-'));
const defaultPreset = findPreset('default')!;
const edited = { ...defaultPreset.scenario, name: 'default, seed 9', seed: 9 };
const editedFile = join(tmp, 'edited.json');
writeFileSync(editedFile, JSON.stringify(edited));
const json = (r: ReturnType<typeof cli>) => {
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { results: { policy: string; hash: string; metrics: unknown }[] };
};

describe('msix-lab link', () => {
  it('prints a short link of a preset that names only the preset, with the policies in canonical form and the note', () => {
    const r = cli([
      'link',
      'vf-pf-mailbox',
      '--policy',
      'data-hack;single-vector:enable=vector0-fd-1',
      '--note',
      'the mailbox reply is lost',
    ]);
    expect(r.status).toBe(0);
    const url = r.stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:5173\/#v2\.[\w-]{8}\.[\w-]+$/);
    expect(url.length).toBeLessThanOrEqual(500);
    expect(decodeLink(url)).toMatchObject({
      preset: 'vf-pf-mailbox',
      policies: ['data-hack', 'single-vector:enable=vector0-fd-1'],
      note: 'the mailbox reply is lost',
    });
  });

  it('an edited scenario file carries the scenario; --base sets the address', () => {
    const r = cli(['link', editedFile, '--base', 'https://example.org/msix/']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('https://example.org/msix/#v2.')).toBe(true);
    const d = decodeLink(r.stdout);
    expect(d.preset).toBeUndefined();
    expect(d.scenario).toMatchObject({ name: 'default, seed 9', seed: 9 });
    expect(d.policies).toEqual(['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc']);
  });

  it('refuses more than six policies and duplicates, one line each, status 2', () => {
    for (const [args, msg] of [
      [['link', 'default', '--policy', 'all'], /at most 6 policies, got 9/],
      [['link', 'default', '--policy', 'data-hack,data-hack'], /lists the policy "data-hack" twice/],
    ] as const) {
      const r = cli([...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('msix-lab run <link>', () => {
  it('a link (URL, #fragment or bare fragment) runs the same scenario and policies as the file it was made from', () => {
    const link = cli(['link', editedFile, '--policy', 'data-hack,dynamic-alloc']).stdout.trim();
    const want = json(cli(['run', editedFile, '--policy', 'data-hack,dynamic-alloc', '--format', 'json']));
    expect(json(cli(['run', link, '--format', 'json']))).toEqual(want);
    expect(json(cli(['run', link.slice(link.indexOf('#')), '--format', 'json']))).toEqual(want);
    expect(json(cli(['run', '-', '--format', 'json'], link.slice(link.indexOf('#') + 1) + '\n'))).toEqual(want);
  });

  it('- reads a scenario JSON from standard input', () => {
    const want = json(cli(['run', editedFile, '--format', 'json']));
    expect(json(cli(['run', '-', '--format', 'json'], JSON.stringify(edited)))).toEqual(want);
  });

  it('a damaged link, a future format and an invalid scenario are refused with one line, status 2', () => {
    const good = encodeLink({ scenario: edited, policies: ['data-hack'] });
    const bad = encodeLink({ scenario: { ...edited, device: { tableSize: 0 } }, policies: ['data-hack'] });
    const cases: [string, RegExp][] = [
      [
        good.slice(0, 20) + (good[20] === 'A' ? 'B' : 'A') + good.slice(21),
        /msix-lab: the link is damaged: checksum mismatch/,
      ],
      ['#v7.abc', /format v7, made by a newer msix-lab/],
      ['#' + bad, /the link decoded, but its scenario is not valid: device\.tableSize: must be between 1 and 2048/],
    ];
    for (const [arg, msg] of cases) {
      const r = cli(['run', arg]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('has --help', () => {
    const r = cli(['link', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: msix-lab link/);
  });
});
