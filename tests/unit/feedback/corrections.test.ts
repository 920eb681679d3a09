// Intent corrections from the inbox go to the one feedback store and are the labels at the next
// inbox training: a corrected message's label changes in the training set.
import { describe, expect, it } from 'vitest';
import { addFeedback, corrections } from '../../../src/lib/core/models/intents/feedback';
import { intentDataset } from '../../../src/lib/core/models/intents/dataset';
import type { Interaction } from '../../../src/lib/core/types';
import { newDb } from '../db/helpers';
import { inputsOf, loadSampleInto } from '../models/helpers';

describe('intent corrections as training labels', () => {
  it('a corrected label changes the training set', async () => {
    const db = newDb('corrections');
    await loadSampleInto(db, 200);
    const interactions = (await db.interactions.toArray()) as Interaction[];
    const inputs = inputsOf({ interactions });
    const before = intentDataset(inputs, { corrections: await corrections(db) });
    expect(before.corrected).toBe(0);
    const i = before.ids.findIndex((_, k) => before.classes[before.y[k]] !== 'praise');
    const msg = interactions.find((m) => m.id === before.ids[i])!;
    expect(before.classes).toContain('praise');
    await addFeedback(db, { customerId: msg.customerId, messageId: msg.id, signal: 'intent', value: 'praise' }); // prettier-ignore
    // Stored in the one feedback table, with the family on the row.
    expect(await db.feedback.where('customerId').equals(msg.customerId).filter((f) => f.family === 'intents').count()).toBe(1); // prettier-ignore
    const after = intentDataset(inputs, { corrections: await corrections(db) });
    expect(after.corrected).toBe(1);
    const j = after.ids.indexOf(msg.id);
    expect(after.classes[after.y[j]]).toBe('praise');
    expect(before.classes[before.y[i]]).not.toBe('praise');
    // Every other label is unchanged.
    after.ids.forEach((id, k) => {
      if (id !== msg.id) expect(after.classes[after.y[k]]).toBe(before.classes[before.y[before.ids.indexOf(id)]]); // prettier-ignore
    });
  });
});
