import { z } from 'zod';
import { MAX_TABLE_SIZE } from '../spec/pci-msix.ts';

// No eval anywhere: zod's JIT probes `new Function('')` on its first object parse, and the page's
// Content-Security-Policy (no 'unsafe-eval', docs/DEPLOY.md) reports that probe as a violation
// even though zod catches it. Scenarios and lessons are small, so the interpreted path costs nothing.
// The setting is zod's global config: every schema in the core (lessons too) imports this module.
z.config({ jitless: true });

/**
 * Scenario format, version 1 (docs/SCENARIO.md is the prose version of this file).
 * Every object is strict: an unknown field is an error, never silently ignored.
 * Times are integer nanoseconds.
 */
const ns = z
  .number()
  .int('must be an integer number of nanoseconds')
  .min(0, 'must be >= 0 ns')
  .max(Number.MAX_SAFE_INTEGER);
const posNs = z
  .number()
  .int('must be an integer number of nanoseconds')
  .min(1, 'must be >= 1 ns')
  .max(Number.MAX_SAFE_INTEGER);
const vector = z
  .number()
  .int('must be an integer')
  .min(0, 'must be >= 0')
  .max(MAX_TABLE_SIZE - 1, `must be < ${MAX_TABLE_SIZE}`);
const u32 = z.number().int('must be an integer').min(0, 'must be >= 0').max(0xffffffff, 'must fit in 32 bits');

/**
 * Every step has a time; `jitterNs` (sweeps only: src/core/sweep/randomise.ts) delays this step
 * alone by U[0, jitterNs] in each trial. A plain run ignores it.
 */
const at = { at: ns, jitterNs: ns.optional() };

export const StepSchema = z.discriminatedUnion(
  'op',
  [
    z.strictObject({
      ...at,
      op: z.literal('config-write'),
      offset: z.number().int().min(0).max(11, 'must be < 12 (the MSI-X capability is 12 bytes)'),
      size: z.union([z.literal(1), z.literal(2), z.literal(4)]),
      value: u32,
    }),
    z.strictObject({
      ...at,
      op: z.literal('table-write'),
      offset: z
        .number()
        .int()
        .min(0)
        .max(MAX_TABLE_SIZE * 16 - 4),
      size: z.literal(4, 'must be 4 (the table accepts only 4-byte accesses)'),
      value: u32,
    }),
    z.strictObject({ ...at, op: z.literal('raise'), vector, every: posNs.optional(), until: ns.optional() }),
    z.strictObject({ ...at, op: z.literal('poisson'), vector, meanNs: posNs, until: ns }),
    z.strictObject({
      ...at,
      op: z.literal('burst'),
      vector,
      count: z.number().int().min(1).max(10_000_000),
      spacingNs: ns,
    }),
    z.strictObject({
      ...at,
      op: z.literal('linux-alloc-vectors'),
      nvec: z.number().int().min(1, 'must be >= 1').max(MAX_TABLE_SIZE),
    }),
    z.strictObject({ ...at, op: z.literal('linux-request-irq'), vector, noAutoEn: z.boolean().optional() }),
    z.strictObject({ ...at, op: z.literal('linux-enable-irq'), vector }),
    z.strictObject({ ...at, op: z.literal('linux-disable-irq'), vector }),
    z.strictObject({ ...at, op: z.literal('linux-free-irq'), vector }),
    z.strictObject({ ...at, op: z.literal('linux-set-affinity'), vector, cpu: z.number().int().min(0).max(255) }),
    z.strictObject({ ...at, op: z.literal('linux-free-vectors') }),
    z.strictObject({ ...at, op: z.literal('linux-alloc-irq-at'), vector }),
    z.strictObject({ ...at, op: z.literal('freebsd-alloc-msix'), count: z.number().int().min(1).max(MAX_TABLE_SIZE) }),
    z.strictObject({ ...at, op: z.literal('freebsd-setup-intr'), vector }),
    z.strictObject({ ...at, op: z.literal('freebsd-teardown-intr'), vector }),
    z.strictObject({ ...at, op: z.literal('freebsd-release-msix') }),
    z.strictObject({ ...at, op: z.literal('mailbox'), timeoutNs: posNs.optional(), replyVector: vector.optional() }),
  ],
  { error: (iss) => (iss.code === 'invalid_union' ? `unknown op; allowed: ${STEP_OPS.join(', ')}` : undefined) },
);

/** Most steps a scenario may have. */
export const MAX_STEPS = 100_000;

export const STEP_OPS = [
  'config-write',
  'table-write',
  'raise',
  'poisson',
  'burst',
  'linux-alloc-vectors',
  'linux-request-irq',
  'linux-enable-irq',
  'linux-disable-irq',
  'linux-free-irq',
  'linux-set-affinity',
  'linux-free-vectors',
  'linux-alloc-irq-at',
  'freebsd-alloc-msix',
  'freebsd-setup-intr',
  'freebsd-teardown-intr',
  'freebsd-release-msix',
  'mailbox',
] as const;

export const ScenarioSchema = z.strictObject({
  version: z.literal(1, 'must be 1 (the only scenario format version)'),
  name: z.string().max(200).optional(),
  description: z.string().max(4000).optional(),
  seed: z.number().int('must be an integer').min(0).max(0xffffffff).optional(),
  policies: z.array(z.string().max(200)).min(1).max(6, 'at most 6 policies').optional(),
  device: z.strictObject({
    tableSize: z
      .number({
        error: (iss) =>
          iss.input === undefined
            ? 'is required: the number of MSI-X table entries, 1..2048'
            : 'must be a number between 1 and 2048',
      })
      .int('must be an integer')
      .min(1, 'must be between 1 and 2048')
      .max(MAX_TABLE_SIZE, 'must be between 1 and 2048'),
    /** Device latches a raise on a masked entry in its PBA and sends it on unmask (spec behaviour). */
    latchMasked: z.boolean().optional(),
    /** Whether latched PBA bits survive a host MSI-X Enable 1->0->1 cycle (device-dependent). */
    pbaSurvivesDisable: z.boolean().optional(),
    /** Slots in the device's Interrupt Message Store, shared with sibling virtual devices (policy ims only). */
    imsSlots: z.number().int('must be an integer').min(0, 'must be >= 0').max(65536, 'must be <= 65536').optional(),
  }),
  host: z
    .strictObject({
      irqBudget: z.number().int().min(0).max(65536, 'must be <= 65536 (INTR_REMAP_TABLE_ENTRIES)').optional(),
      cpuVectorBudget: z.number().int().min(0).max(1_000_000).optional(),
      resizeWindowNs: ns.optional(),
      reservationMode: z.boolean().optional(),
      paravirtGrant: z
        .union([z.literal('all'), z.literal('refuse'), z.number().int().min(1).max(MAX_TABLE_SIZE)])
        .optional(),
      /** Another device on this host drawing on the same IRQ budget: from `at`, it wants `irqs` IRQs in total. */
      neighbor: z
        .array(
          z.strictObject({
            at: ns,
            irqs: z.number().int('must be an integer').min(0, 'must be >= 0').max(65536, 'must be <= 65536'),
          }),
        )
        .max(1000, 'at most 1000 neighbour requests')
        .optional(),
    })
    .optional(),
  guest: z
    .strictObject({
      paravirtAware: z.boolean().optional(),
      freebsdRewriteTable: z.boolean().optional(),
      /**
       * Linux frees deactivate: free_irq and pci_free_irq_vectors write an all-zero message
       * (msi_domain_deactivate). Off by default: the seeds' 2012 guests predate it.
       */
      deactivateOnFree: z.boolean().optional(),
    })
    .optional(),
  /**
   * What varies between the trials of a sweep (src/core/sweep/randomise.ts; docs/SCENARIO.md "Sweeps").
   * Ignored by a plain run; `run --trial k` and `sweep` apply it with trial k's seed.
   */
  random: z
    .strictObject({
      /** Every traffic step starts U[0, phaseNs) later (its until moves with it). */
      phaseNs: ns.optional(),
      /** Poisson meanNs and periodic every are scaled by 1 + U[-rateJitter, rateJitter]. */
      rateJitter: z.number().min(0, 'must be >= 0').max(0.9, 'must be <= 0.9').optional(),
      /** Every guest (non-traffic) step runs U[0, jitterNs] later; the steps keep their order. */
      jitterNs: ns.optional(),
    })
    .optional(),
  limits: z
    .strictObject({
      maxEvents: z.number().int().min(1000).max(200_000_000).optional(),
    })
    .optional(),
  steps: z.array(StepSchema).max(MAX_STEPS, `at most ${MAX_STEPS} steps`),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type Step = z.infer<typeof StepSchema>;
export type StepOp = Step['op'];
