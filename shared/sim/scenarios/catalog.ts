// The built-in scenarios, in the order the app lists them.
import { offheapMapLeak } from './offheap-map-leak';
import { onheapSwapGc } from './onheap-swap-gc';
import { platformNettyLeak } from './platform-netty-leak';
import { rpcPayloadSpikes } from './rpc-payload-spikes';
import type { ScenarioDefinition } from './scenario-types';
import { underprovisionedDirect } from './underprovisioned-direct';

export const SCENARIOS: readonly ScenarioDefinition[] = [
  offheapMapLeak,
  rpcPayloadSpikes,
  platformNettyLeak,
  underprovisionedDirect,
  onheapSwapGc,
];

export function findScenario(id: string): ScenarioDefinition | undefined {
  return SCENARIOS.find((scenario) => scenario.id === id);
}
