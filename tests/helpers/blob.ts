/** Bytes written out in base64, as a Blob of this type. */
export function blobFromBase64(base64: string, type: string): Blob {
  return new Blob([Buffer.from(base64, 'base64')], { type });
}
