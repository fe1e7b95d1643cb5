// Runs the history worker from its TypeScript source (tests, `tsx` runs): the built app
// loads out/main/history-worker.js instead. tsx is a dev dependency, needed only here.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
