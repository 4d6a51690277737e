/**
 * npm run bench: 10^6 raises through every policy, each in its own process.
 * Reports interrupts per second, peak RSS, and the ratio of each policy's time to the floor (the
 * same event stream through the bare binary-heap queue with no model, measured in the same process,
 * alternating with the model runs; the median of 9 paired ratios). The last line is one JSON
 * object: { floorRatio (worst policy), interruptsPerSecond (slowest policy), peakMemoryMB, ... }.
 * Note: the policy timing includes event logging (allocating and first-touching the log: see
 * pageFaults); the raise count is checked from the log. The machine's load average is printed
 * before and after, since other processes change both the floor and the model times.
 *
 * The core runs through tsx (esbuild's per-module transform), not from a bundle: the JIT sees the
 * same code either way (the raise path is inlined into Traffic.fire in both; check with
 * node --trace-turbo-inlining), and the floor always runs in the same process as the model.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { POLICIES } from '../src/core/index.ts';

interface One {
  what: string;
  raised: number;
  ms: number;
  floorMs: number;
  ratio: number;
  pageFaults: number;
  maxRssMB: number;
}

function one(what: string): One {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench-one.ts', what, '9'], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
const loadBefore = load();
console.log(`load average before: ${loadBefore}`);
const floor = one('floor');
console.log(`floor (bare queue, same stream): ${floor.raised} events in ${floor.ms.toFixed(1)} ms`);
const rows = POLICIES.map((p) => {
  const r = one(p.id);
  // Ratio against the floor measured in the same process, interleaved with the model runs: the
  // median over the 9 (floor, model) pairs of model / floor.
  const ratio = r.ratio;
  const ips = r.raised / (r.ms / 1000);
  console.log(
    `${p.id.padEnd(16)} ${r.raised} raises  ${r.ms.toFixed(1).padStart(7)} ms (floor ${r.floorMs.toFixed(1)} ms)  ${(ips / 1e6).toFixed(2)} M irq/s  ratio ${ratio.toFixed(2)}  peak RSS ${r.maxRssMB} MB  page faults ${r.pageFaults}`,
  );
  return {
    policy: p.id,
    ms: r.ms,
    floorMs: r.floorMs,
    raised: r.raised,
    interruptsPerSecond: Math.round(ips),
    floorRatio: Number(ratio.toFixed(3)),
    peakMemoryMB: r.maxRssMB,
    pageFaults: r.pageFaults,
  };
});
const loadAfter = load();
console.log(`load average after: ${loadAfter}`);
const worst = rows.reduce((a, b) => (b.floorRatio > a.floorRatio ? b : a));
const slowest = rows.reduce((a, b) => (b.interruptsPerSecond < a.interruptsPerSecond ? b : a));
const summary = {
  floorRatio: worst.floorRatio,
  floorRatioPolicy: worst.policy,
  interruptsPerSecond: slowest.interruptsPerSecond,
  slowestPolicy: slowest.policy,
  peakMemoryMB: Math.max(...rows.map((r) => r.peakMemoryMB)),
  floorMs: Number(floor.ms.toFixed(2)),
  raises: floor.raised,
  node: process.version,
  loadAverage: { before: loadBefore, after: loadAfter },
  policies: rows,
};
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/latest.json', JSON.stringify(summary, null, 2));
console.log(JSON.stringify(summary));
