// ChnSentiCorp as the issue #11 experiment scripts read it: the bench's stratified 5-fold split
// (seed 42 unless SEED is set), and the script's arguments (names to run, outer folds to run).
import { join } from 'node:path';
import { readLabelledFile } from '../src/cli/commands/text';
import { stratifiedKFold } from '../src/lib/core/evaluate/splits';

export const root = join(import.meta.dirname, '..');
const file = join(root, '..', 'shared', 'datasets', 'chnsenticorp', 'ChnSentiCorp_htl_all.csv');
export const data = await readLabelledFile(file, { textCol: '2', labelCol: '1', header: false });
export const classes = [...new Set(data.labels)].sort();
export const y = Int32Array.from(data.labels, (l) => classes.indexOf(l));
export const seed = Number(process.env.SEED ?? 42);
export const folds = stratifiedKFold(y, 5, seed);
/** argv[2]: comma-separated names (default 'base'); argv[3]: outer folds (default all five). */
export const names = (process.argv[2] ?? 'base').split(',');
export const foldIds = (process.argv[3] ?? '0,1,2,3,4').split(',').map(Number);
