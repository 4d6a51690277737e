import type { Command } from 'commander';
import { parsePolicyList, SEED_POLICY_IDS } from '../core/index.ts';
import { DEFAULT_LINK_BASE, linkSizeAdvice, linkUrl, MAX_LINK_POLICIES, MAX_NOTE_CHARS } from '../core/index.ts';
import { InputError, loadInput } from './input.ts';

/**
 * `msix-lab link <scenario>`: prints the share link the page would write for this scenario and
 * these policies (the same core codec), so a link can be made without opening a browser.
 */
export function registerLinkCommand(program: Command, out: (s: string) => void, err: (s: string) => void): void {
  program
    .command('link')
    .description('print a share link that opens this scenario and these policies in the page')
    .argument('<scenario>', 'scenario JSON file, preset id, an existing link, or - for standard input')
    .option(
      '--policy <ids>',
      "policy id(s) as for run (at most 6); default: the link's, the scenario's, or the four seed policies",
    )
    .option('--note <text>', `a note from you, shown with the scenario (at most ${MAX_NOTE_CHARS} characters)`)
    .option('--base <url>', "the page's address the link starts with", DEFAULT_LINK_BASE)
    .action((arg: string, o: { policy?: string; note?: string; base: string }) => {
      const input = loadInput(arg);
      const list =
        o.policy ?? input.policies?.join(';') ?? input.scenario.policies?.join(';') ?? SEED_POLICY_IDS.join(',');
      const policies = parsePolicyList(list).map((p) => p.spec);
      if (policies.length > MAX_LINK_POLICIES)
        throw new InputError(
          `a link compares at most ${MAX_LINK_POLICIES} policies, got ${policies.length}; name them with --policy`,
        );
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(o.base))
        throw new InputError(`--base must be a URL such as ${DEFAULT_LINK_BASE}, got "${o.base}"`);
      const note = o.note ?? input.link?.note;
      const url = linkUrl(
        {
          scenario: input.scenario,
          policies,
          ...(input.preset ? { preset: input.preset } : {}),
          ...(note ? { note } : {}),
        },
        o.base,
      );
      out(url + '\n');
      const advice = linkSizeAdvice(url.length);
      if (advice.level !== 'ok') err(`msix-lab: note: ${advice.message}\n`);
    });
}
