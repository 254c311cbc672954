import type { DocumentStorage } from './document-storage.js';

/** How long a download link handed to a user lives: 5 minutes. */
export const DOWNLOAD_LINK_TTL_SECONDS = 300;

/** What a download endpoint answers: a short-lived presigned GET link and when it expires. */
export interface DownloadLink {
  url: string;
  expiresAt: string;
}

/** A short-lived (5 min) link that makes the browser download the object under `fileName`. */
export async function downloadLink(storage: DocumentStorage, objectKey: string, fileName: string): Promise<DownloadLink> {
  const url = await storage.presignGet(objectKey, { fileName, ttlSeconds: DOWNLOAD_LINK_TTL_SECONDS });
  return { url, expiresAt: new Date(Date.now() + DOWNLOAD_LINK_TTL_SECONDS * 1000).toISOString() };
}
