// The entry of one worker thread of a parallel search: builds the module from the source it
// is given, then serves the coordinator's commands (initial states, expand a level, a parent
// link) until told to exit. Blocks on the shared doorbell between messages instead of using
// the event loop, so messages from the other workers can be read in the middle of a level.

import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { loadModuleSource } from './module-source.js';
import { bellWord, type FromWorker, type ToWorker, type WorkerSetup } from './protocol.js';
import { Shard } from './shard.js';
import { StateReader } from './value-codec.js';

const setup = workerData as WorkerSetup & {
  readonly port: MessagePort;
  readonly peers: readonly (MessagePort | null)[];
};
const control = new Int32Array(setup.control);
const port = setup.port;

function post(msg: FromWorker): void {
  port.postMessage(msg);
}

function nextCommand(): ToWorker {
  for (;;) {
    const bell = Atomics.load(control, bellWord(setup.id));
    const got = receiveMessageOnPort(port);
    if (got !== undefined) return got.message as ToWorker;
    Atomics.wait(control, bellWord(setup.id), bell, 1000);
  }
}

try {
  const module = await loadModuleSource(setup.source);
  const shard = new Shard(
    module,
    setup.id,
    setup.workers,
    setup.checkDeadlock,
    setup.peers,
    control,
    setup.heapLimit,
    setup.branches,
    setup.locks,
  );
  const reader = new StateReader();
  post({ t: 'ready' });
  for (let cmd = nextCommand(); cmd.t !== 'exit'; cmd = nextCommand()) {
    if (cmd.t === 'init') shard.init(cmd.words, cmd.count, reader);
    else if (cmd.t === 'expand') {
      const report = shard.expandLevel(cmd.ranks);
      port.postMessage(report, [report.keys.buffer as ArrayBuffer]);
    } else post(shard.parentOf(cmd.local));
  }
} catch (err) {
  post({ t: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
for (const p of setup.peers) p?.close();
port.close();
