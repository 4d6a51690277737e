// worker_threads entry: Node 20 cannot run TypeScript, so register tsx's loader in this thread first.
import { register } from 'tsx/esm/api';
register();
await import('./sweep-worker.ts');
