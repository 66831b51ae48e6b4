import { useSyncExternalStore } from 'react';
import { liveStore, type LiveSnapshot } from './store.js';

export const useLive = (): LiveSnapshot => useSyncExternalStore(liveStore.subscribe, liveStore.getSnapshot, liveStore.getSnapshot);

/** Where the incidents screens (the supervision module's `incidents` resource) show one. */
export const incidentPath = (id: string) => `/incidents/${encodeURIComponent(id)}/show`;
export const casePath = (id: string) => `/cases/${encodeURIComponent(id)}/show`;

/** The socket URL: the page's origin, ws or wss, path /graphql (the Vite dev server proxies it). */
export const liveUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
