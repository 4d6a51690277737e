import type { ReactNode } from 'react';
import { useLayout } from '../state/layoutPrefs.ts';
import { Term } from './layout/Term.tsx';

/** What the colours mean (the canvases use the same CSS variables). */
export function Legend() {
  const present = useLayout((s) => s.present);
  const item = (v: string, label: ReactNode, hatch = false) => (
    <span>
      <i
        style={{
          background: hatch
            ? `repeating-linear-gradient(135deg, var(--c-masked) 0 3px, var(--c-coalesced) 3px 4px)`
            : `var(--c-${v})`,
        }}
      />
      {label}
    </span>
  );
  return (
    // In presentation mode the legend is a column that may scroll: keyboard users can then focus it to scroll it.
    <div className="legend" aria-label="legend" role="group" tabIndex={present ? 0 : undefined}>
      {item('op', 'guest driver operation')}
      {item('enable', 'host MSI-X on')}
      {item(
        'window',
        <>
          host MSI-X off while the guest uses it (<Term word="resize window" />)
        </>,
      )}
      {item('host-off', 'host off, guest on')}
      {item('off', 'MSI-X off on both sides')}
      {item('masked', 'guest entry masked', true)}
      {item(
        'pending',
        <>
          pending (<Term word="PBA" />)
        </>,
      )}
      {item('data', 'data ≠ 0 (thin top line)')}
      {item('alloc', 'host IRQ allocated')}
      {item(
        'req-irqfd',
        <>
          requested → KVM <Term word="irqfd" />
        </>,
      )}
      {item(
        'req-user',
        <>
          requested → QEMU <Term word="eventfd" />
        </>,
      )}
      {item('req-kvm', 'requested → KVM assigned')}
      {item('eventfd', 'unread eventfd')}
      {item('delivered', 'delivered')}
      {item('late', 'held, delivered late')}
      {item('coalesced', 'coalesced')}
      <span>
        <b style={{ color: 'var(--c-lost)' }}>✕</b> lost
      </span>
      <span>
        <b style={{ color: 'var(--c-lost)' }}>▲</b> failure or spec warning (click it)
      </span>
    </div>
  );
}
