import type { PolicyAxes } from './axes.ts';

/** A named policy: a point on the three axes plus what a user needs to know about it. */
export interface PolicyDef {
  id: string;
  title: string;
  /** One line, shown under the pane heading and by `msix-lab policies`. */
  summary: string;
  /** A paragraph: what it does, where it came from, what it costs. */
  details: string;
  /** The functions this policy's behaviour follows. */
  cites: readonly string[];
  axes: PolicyAxes;
  /** Known simplifications relative to the real code. */
  simplifications?: readonly string[];
}
