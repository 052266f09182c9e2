import type { NearbyIdentifier } from '../types';

/** "on the cursor line", "2 lines above the cursor", "1 line below the cursor". */
export function describeDistance(identifier: Pick<NearbyIdentifier, 'distance' | 'side'>): string {
  if (identifier.distance === 0) return 'on the cursor line';
  const lines = identifier.distance === 1 ? '1 line' : `${identifier.distance} lines`;
  return `${lines} ${identifier.side === 'prefix' ? 'above' : 'below'} the cursor`;
}
