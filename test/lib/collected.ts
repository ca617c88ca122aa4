// Whether an object is garbage-collected once the test drops it: a WeakRef, a turn of the event
// loop (a WeakRef keeps its target alive until the end of the job that made or read it), and a full
// collection.
import { fullGc } from '../../bench/lib/inMemoryAudit';

const gc = fullGc();

/** Makes an object with `make` (which must not keep it), lets `use` see it, drops it: true when a full collection frees it. */
export async function isCollected<T extends object>(make: () => T, use: (value: T) => void): Promise<boolean> {
  const ref = ((): WeakRef<T> => {
    const value = make();
    use(value);
    return new WeakRef(value);
  })();
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  return ref.deref() === undefined;
}
