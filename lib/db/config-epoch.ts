/**
 * A counter per database handle that moves whenever staff change something through a dashboard action, so what
 * an instance keeps of a workspace's configuration (lib/channels/channel-cache.ts) is dropped here at once. Other
 * instances do not see it: their copies expire on their own (within seconds), which is what each cache promises.
 */
const epochs = new WeakMap<object, number>();

export const configEpoch = (db: object): number => epochs.get(db) ?? 0;

export function configChanged(db: object): void {
  epochs.set(db, configEpoch(db) + 1);
}
