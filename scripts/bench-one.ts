/**
 * One benchmark measurement in a fresh process (so maxRSS is this run's peak): either a policy
 * through the full model, or the floor (the same event stream through the bare queue).
 * Prints one JSON line.
 */
import { parsePolicySpec, simulate, validateScenario } from '../src/core/index.ts';
import { EventQueue } from '../src/core/engine/queue.ts';
import { benchScenario } from './bench-scenario.ts';

const what = process.argv[2]!;
const reps = Number(process.argv[3] ?? 3);
const scenario = validateScenario(benchScenario());

/** The floor: identical stream generators and heap, no device, no policy, no log. */
function floor(): number {
  const q = new EventQueue();
  const streams = scenario.steps.filter((s) => s.op === 'raise');
  const every = streams.map((s) => s.every!);
  const until = streams.map((s) => s.until!);
  streams.forEach((s, i) => q.push(s.at, 2, 3, i));
  const out = { time: 0, type: 0, arg: 0 };
  let n = 0;
  let sink = 0;
  while (q.size > 0) {
    q.pop(out);
    n++;
    sink += out.arg; // touch the payload so the loop is not optimised away
    const next = out.time + every[out.arg]!;
    if (next <= until[out.arg]!) q.push(next, 2, 3, out.arg);
  }
  if (sink < 0) console.log(sink);
  return n;
}

// No forced GC between sections: a forced full GC makes V8 start another one (incremental marking)
// as soon as the model allocates its log, inside the model's timing; left alone, V8 collects the
// previous log when the new one is allocated, as it would in a Worker running one policy after another.
const minorFaults = (): number => process.resourceUsage().minorPageFault;

// Floor and model runs alternate in the same process, so both see the same machine load and JIT
// state; each reports its median over the repetitions.
const floorTimes: number[] = [];
const times: number[] = [];
const faults: number[] = [];
let raised = 0;
const policy = what === 'floor' ? null : parsePolicySpec(what);
for (let r = 0; r < reps; r++) {
  let t0 = performance.now();
  const floorRaised = floor();
  floorTimes.push(performance.now() - t0);
  if (!policy) {
    raised = floorRaised;
    continue;
  }
  const f0 = minorFaults();
  t0 = performance.now();
  const res = simulate(scenario, policy);
  times.push(performance.now() - t0);
  faults.push(minorFaults() - f0);
  raised = 0; // counted outside the timed region
  for (let i = 0; i < res.log.length; i++) if (res.log.kind[i] === 40) raised++;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const floorMs = median(floorTimes);
const ms = policy ? median(times) : floorMs;
// The ratio is the median of each model run over the floor run just before it: a pair runs back to
// back, so it sees the same machine load, which drifts on a shared machine between pairs.
const ratio = policy ? median(times.map((m, i) => m / floorTimes[i]!)) : 1;
// Minor page faults of a model run: first touches of its fresh log (4 KiB each), costly in some VMs.
const pageFaults = policy ? median(faults) : 0;
console.log(
  JSON.stringify({
    what,
    raised,
    ms,
    floorMs,
    ratio,
    pageFaults,
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
