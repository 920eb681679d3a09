// The suggested name of a backup file made at time `t` (ms): `rapport-YYYYMMDDHHMM.rapport-backup`.
// Its own file so the page can name the file before the worker starts writing it.
export function backupFileName(t: number): string {
  const stamp = new Date(t).toISOString().slice(0, 16).replace(/[-:T]/g, '');
  return `rapport-${stamp}.rapport-backup`;
}
