/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { createSimService } from './service.ts';
import { holdLivenessLock } from './liveness.ts';

// Thin bootstrap: the service holds the logic so it can be tested in Node.
Comlink.expose(createSimService((x, transfer) => Comlink.transfer(x, transfer)));
holdLivenessLock(self.name, (m) => self.postMessage(m));
