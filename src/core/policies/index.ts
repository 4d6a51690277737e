import {
  AXIS_HELP,
  FRONT_ENDS,
  VALID,
  type EnableAxis,
  type FrontEnd,
  type GrowthAxis,
  type PolicyAxes,
} from './axes.ts';
import { allocateAll } from './allocate-all.ts';
import { dataHack } from './data-hack.ts';
import { dynamicAlloc } from './dynamic-alloc.ts';
import { dynamicNocache } from './dynamic-nocache.ts';
import { ims } from './ims.ts';
import { paravirt } from './paravirt.ts';
import type { PolicyDef } from './policy.ts';
import { singleVector } from './single-vector.ts';
import { singleVectorFd } from './single-vector-fd.ts';
import { teardownSetup } from './teardown-setup.ts';

export type { PolicyDef } from './policy.ts';
export * from './axes.ts';

/** Every named policy, the four seed policies first. */
export const POLICIES: readonly PolicyDef[] = [
  dataHack,
  singleVector,
  teardownSetup,
  dynamicAlloc,
  singleVectorFd,
  allocateAll,
  paravirt,
  dynamicNocache,
  ims,
];
export const SEED_POLICY_IDS = ['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc'] as const;

export class PolicyError extends Error {
  override name = 'PolicyError';
}

/** A policy ready to run: the named base, the axes after overrides, and a canonical spec string. */
export interface ResolvedPolicy {
  spec: string;
  base: PolicyDef;
  axes: PolicyAxes;
  /** Axis values given in the spec (equal to the base's or not; the canonical spec keeps only differing ones). */
  overrides: Partial<PolicyAxes>;
}

/**
 * Parses "<id>" or "<id>:axis=value,axis=value" (axes: frontend, enable, growth).
 * Errors name the bad part and list what is allowed.
 */
export function parsePolicySpec(spec: string): ResolvedPolicy {
  const [id, rest] = spec.trim().split(/:(.*)/s, 2) as [string, string | undefined];
  const base = POLICIES.find((p) => p.id === id);
  if (!base) throw new PolicyError(`unknown policy "${id}"; known: ${POLICIES.map((p) => p.id).join(', ')}`);
  const axes: PolicyAxes = { ...base.axes };
  const overrides: Partial<PolicyAxes> = {};
  if (rest !== undefined && rest.trim() !== '') {
    const seen = new Set<string>();
    for (const part of rest.split(',')) {
      const bits = part.split('=').map((x) => x.trim());
      const [k, v] = bits as [string, string | undefined];
      if (bits.length !== 2 || v === undefined || v === '' || k === '')
        throw new PolicyError(`policy "${spec}": "${part}" must be axis=value (axes: frontend, enable, growth)`);
      const axis = k === 'frontEnd' ? 'frontend' : k;
      if (seen.has(axis)) throw new PolicyError(`policy "${spec}": axis "${axis}" is given twice`);
      seen.add(axis);
      if (k === 'frontend' || k === 'frontEnd') {
        if (!FRONT_ENDS.includes(v as FrontEnd))
          throw new PolicyError(`policy "${spec}": frontend must be one of ${FRONT_ENDS.join(', ')}`);
        axes.frontEnd = overrides.frontEnd = v as FrontEnd;
      } else if (k === 'enable') axes.enable = overrides.enable = v as EnableAxis;
      else if (k === 'growth') axes.growth = overrides.growth = v as GrowthAxis;
      else throw new PolicyError(`policy "${spec}": unknown axis "${k}"; axes are frontend, enable, growth`);
    }
  }
  const ok = VALID[axes.frontEnd];
  if (!ok.enable.includes(axes.enable))
    throw new PolicyError(
      `policy "${spec}": enable=${axes.enable} is not possible with frontend ${axes.frontEnd}; allowed: ${ok.enable.join(', ')}`,
    );
  if (!ok.growth.includes(axes.growth))
    throw new PolicyError(
      `policy "${spec}": growth=${axes.growth} is not possible with frontend ${axes.frontEnd}; allowed: ${ok.growth.join(', ')}`,
    );
  const parts = (['frontEnd', 'enable', 'growth'] as const).filter(
    (k) => overrides[k] !== undefined && overrides[k] !== base.axes[k],
  );
  const canonical = parts.length
    ? `${base.id}:${parts.map((k) => `${k === 'frontEnd' ? 'frontend' : k}=${axes[k]}`).join(',')}`
    : base.id;
  return { spec: canonical, base, axes, overrides };
}

/** "all" or a comma list; note that commas also separate axis overrides, so overrides use ';' between policies. */
export function parsePolicyList(list: string): ResolvedPolicy[] {
  if (list.trim() === 'all') return POLICIES.map((p) => parsePolicySpec(p.id));
  if (list.trim() === '') throw new PolicyError('no policy given; use "all" or ids such as data-hack,dynamic-alloc');
  const items = list.includes(';') ? list.split(';') : splitTopLevel(list);
  // Empty items ("a,,b", a trailing ";") are ignored.
  const out = items.filter((s) => s.trim()).map((s) => parsePolicySpec(s));
  if (out.length === 0) throw new PolicyError(`no policy given in "${list}"`);
  if (out.length > 6) throw new PolicyError(`at most 6 policies can be compared at once, got ${out.length}`);
  return out;
}

/** Splits "a,b:enable=x,growth=y,c" into policies: a comma starts a new policy only before a known id. */
function splitTopLevel(list: string): string[] {
  const out: string[] = [];
  for (const tok of list.split(',')) {
    const head = tok.split(':')[0]!.trim();
    if (out.length === 0 || POLICIES.some((p) => p.id === head) || tok.trim() === '' || !tok.includes('='))
      out.push(tok);
    else out[out.length - 1] += ',' + tok;
  }
  return out;
}

export function describeAxis(value: string): string {
  return AXIS_HELP[value] ?? value;
}
