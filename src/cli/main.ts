import { Command, CommanderError, Option } from 'commander';
import {
  parsePolicyList,
  POLICIES,
  PolicyError,
  PRESETS,
  runScenario,
  SEED_POLICY_IDS,
  ScenarioError,
  describeAxis,
  VALID,
  goldenText,
  LinkError,
  type LogColumns,
  type PolicyRun,
  trialScenario,
  ImportError,
  perfettoChunks,
  metricsCsv,
  eventsCsvHeader,
  eventsCsvRows,
  resolveSettings,
  type ExportRun,
} from '../core/index.ts';
import { formatTable } from './format.ts';
import { InputError, loadInput } from './input.ts';
import { registerLinkCommand } from './link.ts';
import { eventLines } from './events.ts';
import { registerSweep } from './sweep.ts';
import { registerMerge } from './merge.ts';
import { registerCapacity } from './capacity.ts';
import { registerImport } from './import.ts';
import { ExportOptionError, filteredRuns, openOutput, rowFilter, type RowFilter } from './export.ts';

/** A user error: printed as one line on stderr, exit status 2. */
class UsageError extends Error {}

interface RunOptions {
  policy?: string;
  format: string;
  seed?: number;
  trial?: number;
  csv?: 'metrics' | 'events';
  out?: string;
  from?: string;
  to?: string;
  vector?: string[];
}

/** What the table and JSON formats need of a run: no log. */
type RunSummary = Pick<PolicyRun, 'policy' | 'metrics' | 'hash'>;

/** Log rows printed per write: the text of one chunk, never of a whole multi-million-row log. */
const LOG_CHUNK = 10_000;

function printLog(out: (s: string) => void, policy: string, log: LogColumns, filter: RowFilter | null): void {
  out(`# ${policy}\n`);
  if (log.length === 0) out('\n');
  const runs = filter ? filteredRuns(log, filter) : [[0, log.length] as [number, number]];
  for (const [from, to] of runs)
    for (let a = from; a < to; a += LOG_CHUNK) out(goldenText(log, a, Math.min(to, a + LOG_CHUNK)) + '\n');
}

/** Rows of a log per CSV write (as LOG_CHUNK for the text log). */
const CSV_CHUNK = 10_000;

function parseSeed(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) > 0xffffffff)
    throw new UsageError(`--seed must be an integer 0..4294967295, got "${v}"`);
  return Number(v);
}

export function buildProgram(out: (s: string) => void): Command {
  const program = new Command();
  program
    .name('msix-lab')
    .description("Simulate how hypervisors back a guest's MSI-X vectors with host IRQs, and compare the policies.")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: (s) => process.stderr.write(s) });

  program
    .command('run')
    .description(
      'run a scenario (a JSON file, a preset id, a share link, or - for standard input) under one or more policies',
    )
    .argument(
      '<scenario>',
      'scenario JSON file, preset id, share link (URL, #fragment or v2.… fragment), or - (standard input)',
    )
    .option(
      '--policy <ids>',
      'policy id(s): "all", a comma list, or id:axis=value overrides (separate policies with ";")',
    )
    .addOption(
      new Option('--format <format>', 'output format (perfetto: a trace for ui.perfetto.dev; csv: see --csv)')
        .choices(['table', 'json', 'log', 'events', 'perfetto', 'csv'])
        .default('table'),
    )
    .addOption(
      new Option(
        '--csv <what>',
        'with --format csv: metrics (a row per metric, a column per policy) or events (a row per log row)',
      ).choices(['metrics', 'events']),
    )
    .option('--out <file>', 'write the output to FILE instead of standard output')
    .option('--from <time>', 'with --format log: rows at or after this time (20us, 1.5ms, 300ns or plain ns)')
    .option('--to <time>', 'with --format log: rows at or before this time')
    .option(
      '--vector <n>',
      'with --format log: only rows about vector n (repeat it, or give a comma list)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--seed <n>', 'override the scenario seed', parseSeed)
    .option('--trial <k>', 'run trial k of a sweep (its seed and random variation)', (v: string) => {
      if (!/^\d+$/.test(v) || Number(v) > 0xffffffff)
        throw new UsageError(`--trial must be an integer 0..4294967295, got "${v}"`);
      return Number(v);
    })
    .action((arg: string, o: RunOptions) => {
      const input = loadInput(arg);
      let scenario = input.scenario;
      if (o.trial !== undefined) {
        scenario = trialScenario(o.seed === undefined ? scenario : { ...scenario, seed: o.seed }, o.trial);
        delete o.seed; // the trial's seed is derived from it
      }
      // A link brings the page's policies; --policy overrides them, as it overrides the scenario's.
      const list = o.policy ?? input.policies?.join(';') ?? scenario.policies?.join(';') ?? SEED_POLICY_IDS.join(',');
      const policies = parsePolicyList(list);
      if (policies.length === 0) throw new UsageError('--policy names no policy');
      if (o.csv !== undefined && o.format !== 'csv') throw new UsageError('--csv goes with --format csv');
      if ((o.from !== undefined || o.to !== undefined || o.vector?.length) && o.format !== 'log')
        throw new UsageError('--from, --to and --vector filter --format log');
      const filter = rowFilter(o, scenario.device.tableSize);
      const dest = openOutput(out, o.out);
      try {
        const tableSize = scenario.device.tableSize;
        // One policy at a time, and each log is dropped before the next policy runs, so peak
        // memory is one policy's log, not all of them (`--policy all` on a 20 M-raise scenario).
        const each = function* (): Generator<ExportRun & { metrics: RunSummary['metrics']; hash: string }> {
          for (const p of policies) {
            const [r] = runScenario(scenario, [p], o.seed);
            if (r) yield { ...r, tableSize };
          }
        };
        if (o.format === 'perfetto') {
          const name = input.preset ?? scenario.name ?? (arg === '-' ? 'stdin' : arg);
          const seed = resolveSettings(scenario, o.seed).seed;
          for (const chunk of perfettoChunks(each(), { scenario: name, seed })) dest.write(chunk);
          return;
        }
        if (o.format === 'csv' && o.csv === 'events') {
          dest.write(eventsCsvHeader());
          for (const r of each())
            for (let a = 0; a < r.log.length; a += CSV_CHUNK)
              dest.write(eventsCsvRows(r.policy, r.log, a, Math.min(r.log.length, a + CSV_CHUNK)));
          return;
        }
        const results: RunSummary[] = [];
        for (const r of each()) {
          if (o.format === 'log') printLog(dest.write, r.policy, r.log, filter);
          else if (o.format === 'events') {
            if (r.log.length) dest.write(eventLines(r.policy, r.log) + '\n');
          } else results.push({ policy: r.policy, metrics: r.metrics, hash: r.hash });
        }
        if (o.format === 'json') dest.write(JSON.stringify({ results }, null, 2) + '\n');
        else if (o.format === 'table') dest.write(formatTable(results) + '\n');
        else if (o.format === 'csv') dest.write(metricsCsv(results));
      } finally {
        dest.close();
      }
    });

  program
    .command('presets')
    .description('list the preset scenarios')
    .action(() => {
      const w = Math.max(...PRESETS.map((p) => p.id.length));
      for (const p of PRESETS) out(`${p.id.padEnd(w)}  ${p.title}\n`);
    });

  program
    .command('policies')
    .description('list the policies and the axes you can compose them from')
    .action(() => {
      const w = Math.max(...POLICIES.map((p) => p.id.length));
      for (const p of POLICIES) out(`${p.id.padEnd(w)}  ${p.summary}\n`);
      out('\nCompose your own with <id>:frontend=..,enable=..,growth=..\n');
      for (const [fe, v] of Object.entries(VALID)) {
        out(`  frontend=${fe}: ${describeAxis(fe)}\n`);
        for (const e of v.enable) out(`    enable=${e}: ${describeAxis(e)}\n`);
        for (const g of v.growth) out(`    growth=${g}: ${describeAxis(g)}\n`);
      }
    });
  registerLinkCommand(program, out, (s) => process.stderr.write(s));
  const loadScenario = (arg: string) => loadInput(arg).scenario;
  registerSweep(program, { out, loadScenario });
  registerMerge(program, out);
  registerCapacity(program, { out, loadScenario });
  registerImport(program, { out, err: (s) => process.stderr.write(s) });
  return program;
}

export function main(argv: string[]): number {
  const program = buildProgram((s) => process.stdout.write(s));
  try {
    program.parse(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return 0;
      return 2; // commander already printed its one-line error
    }
    if (
      e instanceof ScenarioError ||
      e instanceof PolicyError ||
      e instanceof UsageError ||
      e instanceof InputError ||
      e instanceof LinkError ||
      e instanceof ImportError ||
      e instanceof ExportOptionError
    ) {
      process.stderr.write(`msix-lab: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
