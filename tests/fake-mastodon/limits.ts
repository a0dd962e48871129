import type { Limits } from './types.ts';

/** Mastodon 4.5's defaults (MediaAttachment's MIME lists, PollValidator, StatusLengthValidator). */
export function defaultLimits(): Limits {
  return {
    maxCharacters: 500,
    maxMediaAttachments: 4,
    charactersReservedPerUrl: 23,
    supportedMimeTypes: [
      'image/jpeg',
      'image/png',
      'image/gif',
      'image/heic',
      'image/heif',
      'image/webp',
      'image/avif',
      'video/webm',
      'video/mp4',
      'video/quicktime',
      'video/ogg',
      'audio/wave',
      'audio/wav',
      'audio/x-wav',
      'audio/x-pn-wave',
      'audio/vnd.wave',
      'audio/ogg',
      'audio/vorbis',
      'audio/mpeg',
      'audio/mp3',
      'audio/webm',
      'audio/flac',
      'audio/aac',
      'audio/m4a',
      'audio/x-m4a',
      'audio/mp4',
      'audio/3gpp',
      'video/x-ms-asf',
    ],
    imageSizeLimit: 16 * 1024 * 1024,
    videoSizeLimit: 99 * 1024 * 1024,
    descriptionLimit: 1500,
    pollMaxOptions: 4,
    pollMaxCharactersPerOption: 50,
    pollMinExpiration: 300,
    pollMaxExpiration: 2_629_746,
  };
}

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** Rails' number_to_human_size, which Paperclip's size messages use: "16 MB", "1.5 KB", "900 Bytes". */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 Byte' : `${bytes} Bytes`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Three significant digits, insignificant zeros stripped.
  return `${Number(value.toPrecision(3))} ${UNITS[unit]}`;
}
