import { describe, expect, it } from 'vitest';
import { Ev, Note } from '../engine/events.ts';
import { decode, declOf } from '../engine/schema.ts';
import { explainRow, fillTemplate } from './explain.ts';
import { rowsOf, runSteps, step as s } from '../testing/harness.ts';
import type { SimResult } from '../machine/simulate.ts';

// The notes of the issue-6 policies (dynamic-nocache, ims, the shared budget) have their own
// sentences and cite the function they follow, rather than the schema's fallback template.

const noteRows = (r: SimResult, code: number) => rowsOf(r, Ev.NOTE).filter((x) => x.a === code);
const why = (r: SimResult, seq: number) => explainRow(r.log.columns(), seq);
const fallback = (r: SimResult, seq: number) => fillTemplate(declOf(Ev.NOTE)!.sentence, decode(r.log.columns(), seq));

describe('explanations of the issue-6 notes', () => {
  it('DYN_FREE names the free function of each backend (pci_msix_free_irq, pci_ims_free_irq)', () => {
    const steps = [s.alloc(0, 2), s.request(1_000, 1), s.disableIrq(2_000, 1)];
    const msix = runSteps(8, steps, 'dynamic-nocache');
    const [m] = noteRows(msix, Note.DYN_FREE);
    const em = why(msix, m!.seq);
    expect(em.sentence).toMatch(/freed vector 1's IRQ \(pci_msix_free_irq.*instead of keeping it as a cache/);
    expect(em.sentence).not.toBe(fallback(msix, m!.seq));
    expect(em.fn).toMatch(/vfio_msi_set_vector_signal.*pci_msix_free_irq/);

    const ims = runSteps(8, [s.alloc(0, 2), s.request(1_000, 1), s.affinity(2_000, 1, 4)], 'ims');
    const [i] = noteRows(ims, Note.DYN_FREE);
    const ei = why(ims, i!.seq);
    expect(ei.sentence).toMatch(/freed vector 1's IRQ \(pci_ims_free_irq/);
    expect(ei.fn).toMatch(/pci_ims_free_irq/);
  });

  it('IMS_ALLOC says which vector got a slot and how many slots the device holds after it', () => {
    const r = runSteps(8, [s.alloc(0, 8), s.request(1_000, 5), s.request(2_000, 2)], 'ims');
    const rows = noteRows(r, Note.IMS_ALLOC);
    expect(rows.map((x) => why(r, x.seq).sentence)).toEqual([
      expect.stringMatching(/gave vector 5 a slot \(pci_ims_alloc_irq\); the device now holds 1 slot of/),
      expect.stringMatching(/gave vector 2 a slot \(pci_ims_alloc_irq\); the device now holds 2 slots of/),
    ]);
    expect(why(r, rows[0]!.seq).fn).toMatch(/pci_ims_alloc_irq/);
  });

  it('NEIGHBOR gives what the other device holds of what it wants, and whether it still waits', () => {
    const steps = [
      s.alloc(0, 3),
      s.request(1_000, 0),
      s.request(2_000, 1),
      s.request(3_000, 2),
      s.disableIrq(10_000, 1),
    ];
    const r = runSteps(8, steps, 'dynamic-nocache', { host: { irqBudget: 4, neighbor: [{ at: 5_000, irqs: 2 }] } });
    const rows = noteRows(r, Note.NEIGHBOR);
    expect(rows.map((x) => [x.b, x.c])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(why(r, rows[0]!.seq).sentence).toBe(
      'Another device now holds 1 of the 2 IRQs it wants from the shared budget: it waits for the rest, and takes any IRQ this device frees.',
    );
    expect(why(r, rows[1]!.seq).sentence).toBe(
      'Another device now holds 2 of the 2 IRQs it wants from the shared budget.',
    );
    expect(why(r, rows[0]!.seq).fn).toMatch(/host\.neighbor/);
  });
});
