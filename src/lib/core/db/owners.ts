// Who owns a pending import: a Web Lock held for the import's whole lifetime. The browser
// releases a lock when its holder goes (tab closed, worker terminated, browser killed), so a
// pending batch whose owner lock nobody holds is a crashed import, at once: no heartbeat timeout.
// Where Web Locks are missing (Node: tests, CLI) callers fall back to the heartbeat.

/** The part of the Web Locks API used here (navigator.locks; tests pass a fake). */
export interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

const OWNER = 'rapport-import:';

/** The browser's lock manager, or null (Node, very old browsers). */
export function webLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks ?? null;
}

export interface OwnerLock {
  /** The lock's name, stored in the batch row. */
  owner: string;
  release(): void;
}

/** Takes a fresh, uniquely named owner lock; resolves once it is held. */
export async function takeOwnerLock(locks: LockManagerLike | null): Promise<OwnerLock | null> {
  if (!locks) return null;
  const owner = OWNER + crypto.randomUUID();
  let release = () => {};
  await new Promise<void>((granted, failed) => {
    locks
      .request(owner, () => {
        granted();
        return new Promise<void>((r) => (release = r));
      })
      .catch(failed);
  });
  return { owner, release: () => release() };
}

/** Names of the owner locks held anywhere in this origin, or null without Web Locks. */
export async function heldOwners(locks: LockManagerLike | null): Promise<Set<string> | null> {
  if (!locks) return null;
  const { held = [] } = await locks.query();
  return new Set(held.map((l) => l.name ?? '').filter((n) => n.startsWith(OWNER)));
}
