import { type Command, Option } from 'commander';
import { parsePolicyList, ScenarioError, SEED_POLICY_IDS, type Scenario } from '../core/index.ts';
import {
  buildReport,
  makeState,
  parseShard,
  parseVary,
  pointScenarioCheck,
  runSweepInline,
  shardRange,
  type SweepReport,
  type SweepSpec,
} from '../core/index.ts';
import { defaultWorkers, runPool } from './sweep-pool.ts';
import { formatSweepCsv, formatSweepTable } from './sweep-format.ts';

export interface CliIo {
  out: (s: string) => void;
  /** Loads a scenario file or preset id (main.ts's loader, so both commands accept the same inputs). */
  loadScenario: (arg: string) => Scenario;
}

const intOpt =
  (name: string, min: number, max: number) =>
  (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
      throw new ScenarioError(`must be an integer ${min}..${max}, got "${v}"`, name);
    return Number(v);
  };

export function printReport(rep: SweepReport, format: string, out: (s: string) => void): void {
  if (format === 'json') out(JSON.stringify(rep, null, 2) + '\n');
  else if (format === 'csv') out(formatSweepCsv(rep) + '\n');
  else out(formatSweepTable(rep) + '\n');
}

/** A progress bar on stderr, redrawn at most ten times a second; only on a TTY. */
function progressBar(): { tick: (done: number, total: number) => void; clear: () => void } {
  const tty = process.stderr.isTTY;
  const start = Date.now();
  let last = 0;
  return {
    tick(done, total) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const w = 30,
        f = Math.round((w * done) / Math.max(1, total));
      const rate = done / Math.max(0.001, (now - start) / 1000);
      process.stderr.write(
        `\r[${'#'.repeat(f)}${'.'.repeat(w - f)}] ${done}/${total} trials, ${rate.toFixed(1)}/s, Ctrl-C prints the partial result `,
      );
    },
    clear() {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}

export function registerSweep(program: Command, io: CliIo): void {
  program
    .command('sweep')
    .description(
      'run many randomised trials of a scenario and estimate, per policy, how often a resize loses interrupts',
    )
    .argument('<scenario>', 'scenario JSON file or preset id')
    .requiredOption('--trials <n>', 'trials (per --vary value)', intOpt('--trials', 1, 1e9))
    .option('--policy <ids>', "policy id(s), as for run (default: the scenario's, else the four seed policies)")
    .option(
      '--workers <k>',
      'worker_threads (default: one per core; 0 runs in this thread)',
      intOpt('--workers', 0, 256),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--seed <n>', 'override the scenario seed', intOpt('--seed', 0, 0xffffffff))
    .option(
      '--shard <i/n>',
      'run only shard i of n (0-based, contiguous blocks of trials); combine the parts with merge',
    )
    .option('--vary <spec>', 'sweep a parameter: name=lo..hi:log|lin:n or name=v1,v2,...')
    .action(
      (
        arg: string,
        o: {
          trials: number;
          policy?: string;
          workers?: number;
          format: string;
          seed?: number;
          shard?: string;
          vary?: string;
        },
      ) => {
        // Everything the user typed is checked before any trial runs (a bad flag costs nothing).
        const shard = o.shard === undefined ? null : parseShard(o.shard);
        const vary = o.vary === undefined ? null : parseVary(o.vary);
        let scenario = io.loadScenario(arg);
        if (o.seed !== undefined) scenario = { ...scenario, seed: o.seed };
        const policies = parsePolicyList(o.policy ?? scenario.policies?.join(';') ?? SEED_POLICY_IDS.join(',')).map(
          (p) => p.spec,
        );
        if (policies.length === 0) throw new ScenarioError('names no policy', '--policy');
        const spec: SweepSpec = { scenario, policies, trials: o.trials, vary };
        pointScenarioCheck(spec);
        const range = shardRange(spec.trials, shard);
        const workers = o.workers ?? defaultWorkers();
        if (workers === 0) {
          printReport(buildReport(makeState(spec, runSweepInline(spec, shard), shard)), o.format, io.out);
          return;
        }
        const bar = progressBar();
        const run = runPool(spec, range, workers, bar.tick);
        const onInt = (): void => run.stop();
        process.once('SIGINT', onInt);
        run.done.then(
          ({ accs, complete }) => {
            process.removeListener('SIGINT', onInt);
            bar.clear();
            printReport(buildReport(makeState(spec, accs, shard)), o.format, io.out);
            if (!complete) {
              process.stderr.write('msix-lab: interrupted: the result above is partial\n');
              process.exitCode = 130;
            }
          },
          (e: Error) => {
            process.removeListener('SIGINT', onInt);
            bar.clear();
            process.stderr.write(`msix-lab: ${e.message}\n`);
            process.exitCode = 2;
          },
        );
      },
    );
}
