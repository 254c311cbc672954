/** One record of the file: its row number (header = 1) and its cells as text. */
export interface SourceRow {
  rowNo: number;
  values: string[];
}

/** A problem with the file itself (not one row): the job fails with this Spanish message. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}
