// Per-thread CPU of a command run under `node --import` (Linux /proc): the main thread's CPU at
// exit, and each worker thread's CPU when it posts its results, with the main thread's CPU when
// the worker started and when it posted. On a shared machine wall time mostly measures the other
// jobs; these clocks give the critical path an idle machine would see (threadCriticalPath in
// auditProcess.bench.ts). Lines of JSON are appended to the file named by LC_THREAD_CLOCK.
// Plain JavaScript: it is loaded into the command's own process before its bundle.
import { appendFileSync, readFileSync } from 'node:fs';
import { isMainThread, parentPort } from 'node:worker_threads';

const out = process.env.LC_THREAD_CLOCK;
const ticks = (path) => { const f = readFileSync(path, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
const own = () => ticks('/proc/thread-self/stat');
const main = () => ticks(`/proc/self/task/${process.pid}/stat`);

if (out && !isMainThread && parentPort) {
  // A thread started ahead of its work loads its code (and may project the residential layer for
  // the main thread) while the main thread still reads and prepares: its critical path starts when
  // its slice arrives (the main thread's CPU then), and counts its CPU from there; what it did
  // before overlaps the main thread on an idle machine.
  let start = main();
  let before = 0;
  const onMessage = (m) => {
    if (!m || !m.slice) return;
    start = main();
    before = own();
    parentPort.off('message', onMessage);
  };
  // Listen only once the command's own code listens: a 'message' listener starts the port, and a
  // message that arrives while only this one listens would be lost to the command (its first work
  // is posted as soon as the thread starts, before its bundle has loaded). This listener goes first:
  // a port calls a listener added while it dispatches a message for that same message when the
  // listener is added behind others still to be called, and the command adds its next listener
  // while handling the slice.
  const on = parentPort.on.bind(parentPort);
  let listening = false;
  for (const k of ['on', 'once', 'addListener']) {
    const f = parentPort[k].bind(parentPort);
    parentPort[k] = (type, ...rest) => {
      if (type === 'message' && !listening) { listening = true; on('message', onMessage); }
      return f(type, ...rest);
    };
  }
  const post = parentPort.postMessage.bind(parentPort);
  parentPort.postMessage = (...a) => {
    const r = post(...a);
    if (a[0] && a[0].results) appendFileSync(out, `${JSON.stringify({ worker: own() - before, start, end: main(), loading: before })}\n`);
    return r;
  };
} else if (out) {
  process.on('exit', () => appendFileSync(out, `${JSON.stringify({ main: own() })}\n`));
}
