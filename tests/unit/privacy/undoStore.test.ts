// The undo of a restore or merge survives a reload: the snapshot is kept frame by frame in its own
// IndexedDB database, armed only after the operation succeeded; a fresh connection (as after a
// reload) finds it and puts the data back byte for byte. Too big: nothing kept. A failed
// operation's snapshot is dropped and the previous undo stays.
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/lib/core/db';
import { bytesOf, collect, createBackup } from '../../../src/lib/core/privacy/backup';
import { mergeStream } from '../../../src/lib/core/privacy/merge';
import { writePayload } from '../../../src/lib/core/privacy/payload';
import { restoreStream } from '../../../src/lib/core/privacy/restore';
import {
  UndoStore,
  armUndo,
  clearUndo,
  dropSnapshot,
  takeSnapshot,
  undoFrames,
  undoInfo
} from '../../../src/lib/core/privacy/undoStore';
import { UndoPolicy } from '../../../src/lib/core/privacy/undo';
import { dbName, deps, newDb } from '../db/helpers';
import { loadSampleInto } from '../models/helpers';

describe('undo kept across a reload', () => {
  it('a merge undone after the page reloads gives back the data byte for byte', async () => {
    const name = dbName('undo-data');
    const undoName = dbName('undo-store');
    let db = openDb(name, deps);
    await loadSampleInto(db, 40);
    const before = await collect(writePayload(db));
    const other = newDb('undo-other');
    await loadSampleInto(other, 80);
    const file = await collect(createBackup(other));

    let store = new UndoStore(undoName, deps);
    const snap = await takeSnapshot(store, db);
    expect(snap).not.toBeNull();
    // Not armed until the merge succeeded.
    expect(await undoInfo(store)).toBeUndefined();
    await mergeStream(db, () => bytesOf(file), 'take-backup');
    await armUndo(store, snap!, 'merge', 123);
    expect(await db.customers.count()).toBe(80);

    // "Reload": every connection closed, new ones opened on the same databases.
    db.close();
    store.close();
    db = openDb(name, deps);
    store = new UndoStore(undoName, deps);
    expect(await undoInfo(store)).toMatchObject({ kind: 'merge', at: 123, bytes: snap!.bytes });
    await restoreStream(db, undoFrames(store));
    expect(await collect(writePayload(db))).toEqual(before);
    await clearUndo(store);
    expect(await undoInfo(store)).toBeUndefined();
    expect(await store.frames.count()).toBe(0);
  });

  it('keeps one undo; a failed operation leaves the previous one; too big keeps nothing', async () => {
    const db = newDb('undo-slots');
    await loadSampleInto(db, 20);
    const first = await collect(writePayload(db));
    const store = new UndoStore(dbName('undo-slots-store'), deps);
    const a = (await takeSnapshot(store, db))!;
    await armUndo(store, a, 'restore');
    await db.customers.clear();
    // A second operation's snapshot goes into the other slot; it fails: dropped, the first stays.
    const b = (await takeSnapshot(store, db))!;
    expect(b.slot).not.toBe(a.slot);
    await dropSnapshot(store, b);
    expect((await undoInfo(store))?.slot).toBe(a.slot);
    expect(await store.frames.where('slot').equals(b.slot).count()).toBe(0);
    const other = newDb('undo-slots-back');
    await restoreStream(other, undoFrames(store));
    expect(await collect(writePayload(other))).toEqual(first);
    // Arming a new one drops the old slot.
    const c = (await takeSnapshot(store, db))!;
    await armUndo(store, c, 'merge');
    expect(await store.frames.where('slot').equals(a.slot).count()).toBe(0);
    // Over the budget: nothing kept, the armed undo untouched.
    expect(await takeSnapshot(store, db, { maxBytes: 100 })).toBeNull();
    expect(
      await store.frames
        .where('slot')
        .equals(1 - c.slot)
        .count()
    ).toBe(0);
    expect((await undoInfo(store))?.kind).toBe('merge');
  });
});

describe('the undo policy (core/privacy/undo.ts)', () => {
  it('kept when it fits, a session Blob when too big; a failure keeps the previous undo', async () => {
    const db = newDb('undo-policy');
    await loadSampleInto(db, 20);
    const first0 = await collect(createBackup(db));
    const other = newDb('undo-policy-other');
    await loadSampleInto(other, 50);
    const file = await collect(createBackup(other));
    let budget = Infinity;
    const policy = new UndoPolicy(() => new UndoStore(dbName('undo-policy-store'), deps), async () => budget); // prettier-ignore
    expect(await policy.state()).toEqual({ canUndo: false, kind: 'restore', kept: false });

    // Fits: kept in the store, armed once the restore succeeded.
    await policy.guard(db, 'restore', () => restoreStream(db, bytesOf(file)));
    expect(await policy.state()).toEqual({ canUndo: true, kind: 'restore', kept: true });
    const second = await collect(writePayload(db));

    // A merge that fails: the restore's undo stays, the data is as it was.
    await expect(
      policy.guard(db, 'merge', () => mergeStream(db, () => bytesOf(file), 'keep-mine', { onTable: (t) => { if (t === 'undoLogs') throw new Error('boom'); } })) // prettier-ignore
    ).rejects.toThrow('boom');
    expect(await policy.state()).toEqual({ canUndo: true, kind: 'restore', kept: true });
    expect(await collect(writePayload(db))).toEqual(second);

    // Too big for the budget: this session only, still undoable.
    budget = 100;
    await policy.guard(db, 'merge', () => mergeStream(db, () => bytesOf(file), 'keep-mine'));
    expect(await policy.state()).toEqual({ canUndo: true, kind: 'merge', kept: false });
    await policy.undo(db);
    expect(await collect(writePayload(db))).toEqual(second);
    expect((await policy.state()).canUndo).toBe(false);
    await expect(policy.undo(db)).rejects.toThrow(/no restore to undo/);

    // Kept again and undone (the kept frames this time); forget() (an erasure) leaves nothing.
    budget = Infinity;
    await policy.guard(db, 'restore', () => restoreStream(db, bytesOf(first0)));
    expect(await policy.state()).toEqual({ canUndo: true, kind: 'restore', kept: true });
    await policy.undo(db);
    expect(await collect(writePayload(db))).toEqual(second);
    await policy.guard(db, 'restore', () => restoreStream(db, bytesOf(file)));
    await policy.forget();
    expect(await policy.state()).toEqual({ canUndo: false, kind: 'restore', kept: false });
  });
});
