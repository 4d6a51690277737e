import fc from 'fast-check';
import type { Scenario, Step } from '../scenario/schema.ts';

/**
 * Random scenarios for property tests. `rich` mixes everything the format allows (Linux and
 * FreeBSD driver ops, raw register writes, reloads, mailboxes, all traffic kinds, small budgets);
 * `steady` is a well-behaved Linux guest that never disables MSI-X and raises only after its
 * vectors are allocated, for the "loses nothing" properties.
 */
const time = fc.integer({ min: 0, max: 400_000 });

function traffic(n: number): fc.Arbitrary<Step> {
  const vector = fc.integer({ min: 0, max: n - 1 });
  return fc.oneof(
    fc.record({ at: time, op: fc.constant('raise' as const), vector }),
    fc
      .record({ at: time, op: fc.constant('raise' as const), vector, every: fc.integer({ min: 200, max: 20_000 }) })
      .map((s) => ({ ...s, until: s.at + 150_000 })),
    fc
      .record({ at: time, op: fc.constant('poisson' as const), vector, meanNs: fc.integer({ min: 500, max: 20_000 }) })
      .map((s) => ({ ...s, until: s.at + 150_000 })),
    fc.record({
      at: time,
      op: fc.constant('burst' as const),
      vector,
      count: fc.integer({ min: 1, max: 40 }),
      spacingNs: fc.integer({ min: 0, max: 2_000 }),
    }),
  );
}

function guestOps(n: number): fc.Arbitrary<Step> {
  const vector = fc.integer({ min: 0, max: n - 1 });
  return fc.oneof(
    fc.record({ at: time, op: fc.constant('linux-alloc-vectors' as const), nvec: fc.integer({ min: 1, max: n }) }),
    {
      weight: 6,
      arbitrary: fc.record({ at: time, op: fc.constant('linux-request-irq' as const), vector, noAutoEn: fc.boolean() }),
    },
    fc.record({ at: time, op: fc.constant('linux-enable-irq' as const), vector }),
    fc.record({ at: time, op: fc.constant('linux-disable-irq' as const), vector }),
    fc.record({ at: time, op: fc.constant('linux-free-irq' as const), vector }),
    fc.record({
      at: time,
      op: fc.constant('linux-set-affinity' as const),
      vector,
      cpu: fc.integer({ min: 0, max: 7 }),
    }),
    fc.record({ at: time, op: fc.constant('linux-free-vectors' as const) }),
    fc.record({ at: time, op: fc.constant('linux-alloc-irq-at' as const), vector }),
    fc.record({ at: time, op: fc.constant('freebsd-alloc-msix' as const), count: fc.integer({ min: 1, max: n }) }),
    fc.record({ at: time, op: fc.constant('freebsd-setup-intr' as const), vector }),
    fc.record({ at: time, op: fc.constant('freebsd-teardown-intr' as const), vector }),
    fc.record({ at: time, op: fc.constant('freebsd-release-msix' as const) }),
    fc.record({
      at: time,
      op: fc.constant('mailbox' as const),
      timeoutNs: fc.integer({ min: 1_000, max: 50_000 }),
      replyVector: vector,
    }),
    fc.record({
      at: time,
      op: fc.constant('config-write' as const),
      offset: fc.constant(2),
      size: fc.constant(2 as const),
      value: fc.constantFrom(0x8000, 0xc000, 0x4000, 0, 0xffff),
    }),
    fc.record({
      at: time,
      op: fc.constant('config-write' as const),
      offset: fc.constant(3),
      size: fc.constant(1 as const),
      value: fc.constantFrom(0x80, 0xc0, 0x40, 0),
    }),
    fc
      .record({
        at: time,
        op: fc.constant('table-write' as const),
        vector,
        word: fc.integer({ min: 0, max: 3 }),
        value: fc.constantFrom(0, 1, 0x4041, 0xfee00000),
      })
      .map(({ vector: v, word, ...s }) => ({ ...s, offset: v * 16 + word * 4, size: 4 as const })),
  );
}

export const richScenario: fc.Arbitrary<Scenario> = fc
  .record({
    n: fc.integer({ min: 1, max: 24 }),
    seed: fc.integer({ min: 0, max: 1000 }),
    budget: fc.oneof(fc.constant(64), fc.integer({ min: 0, max: 30 })),
    os: fc.constantFrom('linux', 'linux', 'linux', 'freebsd', 'none'),
    window: fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: undefined }),
    latch: fc.boolean(),
    survive: fc.boolean(),
    reservation: fc.boolean(),
    grant: fc.constantFrom<'all' | 'refuse' | number>('all', 'refuse', 1, 3),
    rewrite: fc.boolean(),
  })
  .chain((c) =>
    fc
      .tuple(fc.array(guestOps(c.n), { maxLength: 14 }), fc.array(traffic(c.n), { maxLength: 6 }))
      .map(([g, t]): Scenario => ({
        version: 1,
        seed: c.seed,
        device: { tableSize: c.n, latchMasked: c.latch, pbaSurvivesDisable: c.survive },
        host: {
          irqBudget: c.budget,
          reservationMode: c.reservation,
          paravirtGrant: c.grant,
          ...(c.window === undefined ? {} : { resizeWindowNs: c.window }),
        },
        guest: { freebsdRewriteTable: c.rewrite },
        steps: [
          ...(c.os === 'linux'
            ? [{ at: 0, op: 'linux-alloc-vectors' as const, nvec: c.n }]
            : c.os === 'freebsd'
              ? [{ at: 0, op: 'freebsd-alloc-msix' as const, count: c.n }]
              : []),
          ...g,
          ...t,
        ],
      })),
  );

/**
 * A Linux guest that allocates first, requests a random subset of vectors at random times (some
 * with IRQF_NO_AUTOEN and a later enable_irq), moves some, and whose device raises mostly on the
 * requested vectors, all after allocation. It never disables MSI-X.
 */
export const steadyScenario: fc.Arbitrary<Scenario> = fc
  .record({ n: fc.integer({ min: 1, max: 32 }), seed: fc.integer({ min: 0, max: 1000 }) })
  .chain((c) =>
    fc
      .record({
        nvec: fc.integer({ min: 1, max: c.n }),
        used: fc.uniqueArray(fc.integer({ min: 0, max: c.n - 1 }), { minLength: 1, maxLength: c.n }),
        times: fc.array(fc.integer({ min: 1_000, max: 300_000 }), { minLength: 32, maxLength: 32 }),
        noAutoEn: fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
        moves: fc.array(
          fc.record({ k: fc.nat(), at: fc.integer({ min: 1_000, max: 400_000 }), cpu: fc.integer({ min: 0, max: 7 }) }),
          { maxLength: 6 },
        ),
        traffic: fc.array(
          fc.record({
            k: fc.nat(),
            at: fc.integer({ min: 1_000, max: 300_000 }),
            every: fc.integer({ min: 300, max: 10_000 }),
            poisson: fc.boolean(),
          }),
          { minLength: 1, maxLength: 8 },
        ),
      })
      .map((r): Scenario => {
        const steps: Step[] = [{ at: 0, op: 'linux-alloc-vectors', nvec: r.nvec }];
        r.used.forEach((v, i) => {
          if (v >= r.nvec) steps.push({ at: r.times[i]! - 500, op: 'linux-alloc-irq-at', vector: v });
          steps.push({ at: r.times[i]!, op: 'linux-request-irq', vector: v, noAutoEn: r.noAutoEn[i]! });
          if (r.noAutoEn[i]) steps.push({ at: r.times[i]! + 50_000, op: 'linux-enable-irq', vector: v });
        });
        for (const m of r.moves)
          steps.push({ at: m.at, op: 'linux-set-affinity', vector: r.used[m.k % r.used.length]!, cpu: m.cpu });
        for (const t of r.traffic) {
          const vector = r.used[t.k % r.used.length]!;
          steps.push(
            t.poisson
              ? { at: t.at, op: 'poisson', vector, meanNs: t.every, until: t.at + 100_000 }
              : { at: t.at, op: 'raise', vector, every: t.every, until: t.at + 100_000 },
          );
        }
        return { version: 1, seed: c.seed, device: { tableSize: c.n }, host: { irqBudget: c.n + 1 }, steps };
      }),
  );
