/** A file received in a request, already read into memory (within the size limit). */
export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}
