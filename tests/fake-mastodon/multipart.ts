import { assignParam, type Params } from './params.ts';

const CRLF_CRLF = Buffer.from('\r\n\r\n');

/**
 * Parses a multipart/form-data body: text parts become strings, parts with a filename
 * become UploadedFile values, both under Rails-style keys (`media_ids[]`).
 */
export function parseMultipart(body: Buffer, boundary: string): Params {
  const params: Params = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    // "--boundary--" closes the body.
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const end = body.indexOf(delimiter, partStart);
    if (end === -1) break;
    // Each part sits between "\r\n" after the delimiter and "\r\n" before the next one.
    addPart(params, body.subarray(partStart + 2, end - 2));
    start = end;
  }
  return params;
}

function addPart(params: Params, part: Buffer): void {
  const headerEnd = part.indexOf(CRLF_CRLF);
  if (headerEnd === -1) return;
  const headers = part.subarray(0, headerEnd).toString('utf8');
  const content = part.subarray(headerEnd + CRLF_CRLF.length);
  const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) return;
  const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  if (filename === undefined) {
    assignParam(params, name, content.toString('utf8'));
    return;
  }
  const contentType = /^content-type:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
  assignParam(params, name, { filename, contentType, data: Buffer.from(content) });
}
