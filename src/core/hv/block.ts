// The vCPU's blocking type lives in engine/ (the device models block too, and must not import hv/).
export { type Block, noBlock } from '../engine/block.ts';
