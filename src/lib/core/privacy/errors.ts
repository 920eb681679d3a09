// Why a backup cannot be read or restored: a code the page translates (`privacy.err.<code>`),
// the English message for the CLI and logs. Every one of these is raised before anything in the
// database is changed.

export type BackupErrorCode =
  | 'not-backup'
  | 'newer-format'
  | 'passphrase-needed'
  | 'wrong-passphrase'
  | 'weak-kdf'
  | 'truncated'
  | 'tampered'
  | 'damaged'
  | 'newer-schema'
  | 'unknown-table'
  | 'bad-record';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {}
  ) {
    super(message);
    this.name = 'BackupError';
  }
}
