import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import {
  findPreset,
  parsePolicyList,
  parseScenarioText,
  POLICIES,
  PolicyError,
  PRESETS,
  runScenario,
  SEED_POLICY_IDS,
  ScenarioError,
  validateScenario,
  type Scenario,
} from '../core/index.ts';
import { describeAxis, VALID } from '../core/policies/index.ts';
import { formatTable } from './format.ts';
import { goldenText } from '../core/analysis/golden.ts';
import { trialScenario } from '../core/sweep/index.ts';
import { registerSweep } from './sweep.ts';
import { registerMerge } from './merge.ts';
import { registerCapacity } from './capacity.ts';

/** A user error: printed as one line on stderr, exit status 2. */
class UsageError extends Error {}

function loadScenario(arg: string): Scenario {
  const preset = findPreset(arg);
  if (preset) return validateScenario(preset.scenario);
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read scenario "${arg}" (${code ?? 'error'}); give a JSON file or a preset id (${PRESETS.map((p) => p.id).join(', ')})`);
  }
  return parseScenarioText(text);
}

function parseSeed(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) > 0xffffffff) throw new UsageError(`--seed must be an integer 0..4294967295, got "${v}"`);
  return Number(v);
}

export function buildProgram(out: (s: string) => void): Command {
  const program = new Command();
  program
    .name('msix-lab')
    .description('Simulate how hypervisors back a guest\'s MSI-X vectors with host IRQs, and compare the policies.')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: (s) => process.stderr.write(s) });

  program
    .command('run')
    .description('run a scenario (a JSON file or a preset id) under one or more policies')
    .argument('<scenario>', 'scenario JSON file or preset id')
    .option('--policy <ids>', 'policy id(s): "all", a comma list, or id:axis=value overrides (separate policies with ";")')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'log']).default('table'))
    .option('--seed <n>', 'override the scenario seed', parseSeed)
    .option('--trial <k>', 'run trial k of a sweep (its seed and random variation)', (v: string) => {
      if (!/^\d+$/.test(v) || Number(v) > 0xffffffff) throw new UsageError(`--trial must be an integer 0..4294967295, got "${v}"`);
      return Number(v);
    })
    .action((arg: string, o: { policy?: string; format: string; seed?: number; trial?: number }) => {
      let scenario = loadScenario(arg);
      if (o.trial !== undefined) {
        scenario = trialScenario(o.seed === undefined ? scenario : { ...scenario, seed: o.seed }, o.trial);
        delete o.seed; // the trial's seed is derived from it
      }
      const list = o.policy ?? scenario.policies?.join(';') ?? SEED_POLICY_IDS.join(',');
      const policies = parsePolicyList(list);
      if (policies.length === 0) throw new UsageError('--policy names no policy');
      const runs = runScenario(scenario, policies, o.seed);
      if (o.format === 'json') {
        out(JSON.stringify({ results: runs.map((r) => ({ policy: r.policy, metrics: r.metrics, hash: r.hash })) }, null, 2) + '\n');
      } else if (o.format === 'log') {
        for (const r of runs) out(`# ${r.policy}\n${goldenText(r.log)}\n`);
      } else {
        out(formatTable(runs) + '\n');
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
  registerSweep(program, { out, loadScenario });
  registerMerge(program, out);
  registerCapacity(program, { out, loadScenario });
  return program;
}

export function main(argv: string[]): number {
  const program = buildProgram((s) => process.stdout.write(s));
  try {
    program.parse(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2; // commander already printed its one-line error
    }
    if (e instanceof ScenarioError || e instanceof PolicyError || e instanceof UsageError) {
      process.stderr.write(`msix-lab: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
