// The workspace's engine worker client, for parts that ask it one-off questions outside the audit
// loop (the report preview's community maps). EngineSync owns the worker and registers it here.
import type { EngineClient } from '../../worker/engineClient';

let current: EngineClient | null = null;

export function setEngine(engine: EngineClient | null): void {
  current = engine;
}

export function engine(): EngineClient | null {
  return current;
}
