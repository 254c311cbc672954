import { sniffContentType } from '@crm/storage';
import type { UploadedFile } from '../messages/uploaded-file.js';
import type { InboundFile } from './inbound-mail.js';

export interface FileSelection {
  accepted: UploadedFile[];
  refused: { fileName: string; reason: 'type_not_allowed' | 'too_large' | 'too_many' }[];
}

/**
 * Which files of an e-mail are kept: judged by their bytes (the same allowed types as uploads),
 * each within the attachment size limit, at most `maxFiles`. Inline images (signature logos)
 * are left out silently; everything else refused is recorded, and the mail itself is kept.
 */
export function selectFiles(files: readonly InboundFile[], limits: { maxBytes: number; maxFiles: number }): FileSelection {
  const selection: FileSelection = { accepted: [], refused: [] };
  for (const file of files) {
    if (file.inline) continue;
    if (file.bytes.length > limits.maxBytes) selection.refused.push({ fileName: file.fileName, reason: 'too_large' });
    else if (!sniffContentType(file.bytes, file.fileName)) selection.refused.push({ fileName: file.fileName, reason: 'type_not_allowed' });
    else if (selection.accepted.length >= limits.maxFiles) selection.refused.push({ fileName: file.fileName, reason: 'too_many' });
    else selection.accepted.push({ fileName: file.fileName, bytes: file.bytes });
  }
  return selection;
}
