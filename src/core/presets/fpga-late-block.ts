import type { Preset } from './preset.ts';

const steps: Preset['scenario']['steps'] = [{ at: 0, op: 'linux-alloc-vectors', nvec: 32 }];
for (let v = 0; v < 6; v++) {
  steps.push({ at: 2_000 + v * 500, op: 'linux-request-irq', vector: v });
  steps.push({ at: 10_000, op: 'poisson', vector: v, meanNs: 1_500, until: 600_000 });
}
steps.push({ at: 300_000, op: 'linux-request-irq', vector: 30 });
steps.push({ at: 310_000, op: 'raise', vector: 30, every: 25_000, until: 600_000 });

export const fpgaLateBlock: Preset = {
  id: 'fpga-late-block',
  title: 'FPGA: a power-hungry IP block is switched on under heavy load',
  paragraph:
    'Seed 002, case 4: "a custom FPGA driver where a certain power hungry IP block is only initialized when the program loaded by ' +
    'the end-user uses a particular library ... there is already other functionality enabled in the FPGA with heavy interrupt load, ' +
    'so ripping MSI-X temporarily off for resizing would be a guarantee for losing interrupts." Six vectors carry ~4 interrupts/µs ' +
    "in total; the block's vector 30 is unmasked once. Under teardown/setup that one unmask is a resize from 6 to 31 vectors (after the five resizes of start-up): the 6 host IRQs are freed and 31 allocated while the other six vectors are busy.",
  scenario: { version: 1, name: 'fpga-late-block', seed: 3, device: { tableSize: 32 }, steps },
};
