/** What one trial keeps (no imports: the page's summary code reads it without reaching the machine). */

/**
 * One trial under one policy, folded to the handful of integers a sweep keeps (the log is dropped
 * as soon as this returns, so a sweep's memory does not grow with the number of trials).
 *
 * Attribution of a loss to a resize (docs/SCENARIO.md "Sweeps"): a resize window is a WINDOW_OPEN
 * row and the WINDOW_CLOSE row after it. A LOST row with cause resize-window points at its window's
 * WINDOW_OPEN row through its `cause` column (vfio-pci.ts / pci-assign.ts intx()); a LOST row with
 * cause host-msix-off counts for the window open at its row, if any. A resize "loses" if at least
 * one such row belongs to it.
 */
export interface TrialFold {
  resizes: number;
  lossyResizes: number;
  lostInWindows: number;
  /**
   * Raises latched in the device's PBA that the resize's own host disable cleared (cause
   * pba-cleared-on-disable pointing at the HOST_DISABLE row that the WINDOW_OPEN row points at):
   * lost because of the resize but raised before its window, so not in lostInWindows, lossyResizes
   * or the closed form. Only when device.pbaSurvivesDisable is false.
   */
  pbaClearedAtResize: number;
  lost: number;
  raised: number;
  neverDelivered: number;
  spuriousInjections: number;
  deliveredWhileMasked: number;
  hostIrqsPeak: number;
  cpuVectorsPeak: number;
  windowNs: number;
  /** Closed form over this trial's windows, in units of 2^-32 (integers, so sums are exact and order-free). */
  expLossyQ: bigint;
  expLostQ: bigint;
}

/** Fixed-point unit for the closed-form sums: 2^32 per 1. */
export const Q = 2 ** 32;
