import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer boundaries are lint rules (eslint.config.js); this proves they bite: each fixture is
 * linted as if it were a file at `filePath`, and a forbidden import must fail with
 * no-restricted-imports while an allowed one passes.
 */
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath });
  return r!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const use = (what: string, from: string): string => `import { ${what} } from '${from}';\nexport const x = ${what};\n`;
const useType = (what: string, from: string): string =>
  `import type { ${what} } from '${from}';\nexport type X = ${what};\n`;

describe('lint boundaries', () => {
  const app = 'src/app/components/Fixture.tsx';

  it('the app cannot import device logic, the machine, or the core entry (which re-exports them)', async () => {
    expect(await restricted(app, use('VfioPci', '../../core/hv/vfio-pci.ts'))).toEqual([
      expect.stringMatching(/allowlist/),
    ]);
    expect(await restricted(app, use('QemuMsix', '../../core/device/qemu-msix.ts'))).toHaveLength(1);
    expect(await restricted(app, use('simulate', '../../core/machine/simulate.ts'))).toHaveLength(1);
    expect(await restricted(app, use('computeMetrics', '../../core/analysis/metrics.ts'))).toHaveLength(1);
    expect(await restricted(app, use('simulate', '../../core/index.ts'))).toHaveLength(1);
    expect(
      await restricted('src/app/state/fixture.ts', use('HostDevice', '../../core/host/host-device.ts')),
    ).toHaveLength(1);
  });

  it('the app may import the allowlist, and anything as a type', async () => {
    expect(await restricted(app, use('Replay', '../../core/replay/replay.ts'))).toEqual([]);
    expect(await restricted(app, use('explainRow', '../../core/analysis/explain.ts'))).toEqual([]);
    expect(await restricted(app, use('Ev', '../../core/engine/events.ts'))).toEqual([]);
    expect(await restricted(app, useType('VfioPci', '../../core/hv/vfio-pci.ts'))).toEqual([]);
  });

  it('the Worker and the CLI go through src/core/index.ts', async () => {
    expect(await restricted('src/worker/fixture.ts', use('Traffic', '../core/engine/traffic.ts'))).toEqual([
      expect.stringMatching(/public entry/),
    ]);
    expect(await restricted('src/worker/fixture.ts', use('runScenario', '../core/index.ts'))).toEqual([]);
    expect(await restricted('src/cli/fixture.ts', use('goldenText', '../core/analysis/golden.ts'))).toEqual([
      expect.stringMatching(/public entry/),
    ]);
    expect(await restricted('src/cli/fixture.ts', use('goldenText', '../core/index.ts'))).toEqual([]);
  });

  it('the core cannot import the outer layers', async () => {
    expect(await restricted('src/core/analysis/fixture.ts', use('getRun', '../../app/state/runData.ts'))).toHaveLength(
      1,
    );
  });
});
