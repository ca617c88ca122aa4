// One walking-network what-if (ui/network/useNetworkWhatIf.ts) for the whole workspace: the map
// draws its layers and facility panel, the side panel its side-by-side figures.
import { createContext, useContext, type ReactNode } from 'react';
import { useNetworkWhatIf, type NetworkWhatIf } from '../network/useNetworkWhatIf';

const NetworkContext = createContext<NetworkWhatIf | null>(null);

export function NetworkWhatIfProvider({ children }: { children?: ReactNode }) {
  const net = useNetworkWhatIf();
  return <NetworkContext.Provider value={net}>{children}</NetworkContext.Provider>;
}

export function useNetwork(): NetworkWhatIf {
  const net = useContext(NetworkContext);
  if (!net) throw new Error('useNetwork: no NetworkWhatIfProvider above this component');
  return net;
}
