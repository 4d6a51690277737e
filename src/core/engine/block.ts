/**
 * Hypervisor and guest code that may block the vCPU is written as generators: `yield ns` means
 * "this vCPU thread is busy for ns" (QEMU handles a trapped MMIO write synchronously, so a guest
 * write that triggers a resize does not return until the resize is done). The engine resumes the
 * generator at now + ns. Device interrupts keep arriving meanwhile.
 */
export type Block<T = void> = Generator<number, T, void>;

/** A Block that does nothing; for `yield*` on paths with nothing to wait for. */
// eslint-disable-next-line require-yield
export function* noBlock(): Block {
  return;
}
