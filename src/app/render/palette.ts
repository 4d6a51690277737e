/**
 * Canvas colours come from CSS custom properties (styles.css), read once per theme change, so
 * light and dark themes share one drawing code path.
 */
export interface Palette {
  bg: string;
  text: string;
  muted: string;
  grid: string;
  rowAlt: string;
  op: string;
  opText: string;
  delivered: string;
  late: string;
  coalesced: string;
  lost: string;
  masked: string;
  pending: string;
  data: string;
  alloc: string;
  reqIrqfd: string;
  reqUser: string;
  reqKvm: string;
  hostPba: string;
  eventfd: string;
  enable: string;
  window: string;
  hostOff: string;
  off: string;
  cursor: string;
  hover: string;
  select: string;
}

const KEYS: (keyof Palette)[] = [
  'bg',
  'text',
  'muted',
  'grid',
  'rowAlt',
  'op',
  'opText',
  'delivered',
  'late',
  'coalesced',
  'lost',
  'masked',
  'pending',
  'data',
  'alloc',
  'reqIrqfd',
  'reqUser',
  'reqKvm',
  'hostPba',
  'eventfd',
  'enable',
  'window',
  'hostOff',
  'off',
  'cursor',
  'hover',
  'select',
];

let cached: Palette | null = null;

export function palette(): Palette {
  if (cached) return cached;
  const cs = getComputedStyle(document.documentElement);
  const p = {} as Palette;
  for (const k of KEYS)
    p[k] = cs.getPropertyValue(`--c-${k.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase())}`).trim() || '#888';
  cached = p;
  return p;
}

export function invalidatePalette(): void {
  cached = null;
}
