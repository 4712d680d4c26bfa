export { discover, DISCOVERY_DEFAULTS, type DiscoverOptions } from './discover';
export { DiscoveryCache } from './cache';
export { findConfigHomes, type ConfigHome } from './homes';
export { transportOf, entryKey } from '../inventory/entries';
export { discoverChanged } from './incremental';
