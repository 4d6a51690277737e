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
} from '../core/index.ts';
import { formatTable } from './format.ts';
import { InputError, loadInput } from './input.ts';
import { registerLinkCommand } from './link.ts';
import { eventLines } from './events.ts';
import { registerSweep } from './sweep.ts';
import { registerMerge } from './merge.ts';
import { registerCapacity } from './capacity.ts';
import { registerImport } from './import.ts';

/** A user error: printed as one line on stderr, exit status 2. */
class UsageError extends Error {}

/** What the table and JSON formats need of a run: no log. */
type RunSummary = Pick<PolicyRun, 'policy' | 'metrics' | 'hash'>;

/** Log rows printed per write: the text of one chunk, never of a whole multi-million-row log. */
const LOG_CHUNK = 10_000;

function printLog(out: (s: string) => void, policy: string, log: LogColumns): void {
  out(`# ${policy}\n`);
  if (log.length === 0) out('\n');
  for (let a = 0; a < log.length; a += LOG_CHUNK) out(goldenText(log, a, Math.min(log.length, a + LOG_CHUNK)) + '\n');
}

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
      new Option('--format <format>', 'output format').choices(['table', 'json', 'log', 'events']).default('table'),
    )
    .option('--seed <n>', 'override the scenario seed', parseSeed)
    .option('--trial <k>', 'run trial k of a sweep (its seed and random variation)', (v: string) => {
      if (!/^\d+$/.test(v) || Number(v) > 0xffffffff)
        throw new UsageError(`--trial must be an integer 0..4294967295, got "${v}"`);
      return Number(v);
    })
    .action((arg: string, o: { policy?: string; format: string; seed?: number; trial?: number }) => {
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
      // One policy at a time, and each log is dropped before the next policy runs, so peak
      // memory is one policy's log, not all of them (`--policy all` on a 20 M-raise scenario).
      const results: RunSummary[] = [];
      for (const p of policies) {
        const [r] = runScenario(scenario, [p], o.seed);
        if (!r) continue;
        if (o.format === 'log') printLog(out, r.policy, r.log);
        else if (o.format === 'events') {
          if (r.log.length) out(eventLines(r.policy, r.log) + '\n');
        } else results.push({ policy: r.policy, metrics: r.metrics, hash: r.hash });
      }
      if (o.format === 'json') out(JSON.stringify({ results }, null, 2) + '\n');
      else if (o.format === 'table') out(formatTable(results) + '\n');
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
      e instanceof ImportError
    ) {
      process.stderr.write(`msix-lab: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
