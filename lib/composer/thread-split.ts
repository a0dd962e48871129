import { countPost } from './count';
import { numbering, type ThreadLimits } from './thread';

/*
 * Splitting a text that is too long into a thread's parts: only the composer's offer to
 * split (a folded part) needs it, so it is a module of its own, out of what the popup
 * loads at rest (docs/architecture.md).
 */

/**
 * Each level cuts a text into units that keep their trailing separator, so the units
 * join back into the text: paragraphs, then sentences, then words, then graphemes.
 */
const LEVELS: Array<(text: string) => string[]> = [
  (text) => text.split(/(?<=\n[ \t]*\n)(?=[^\n])/u),
  (text) => [...new Intl.Segmenter(undefined, { granularity: 'sentence' }).segment(text)].map((s) => s.segment),
  (text) => text.split(/(?<=\s)(?=\S)/u),
  (text) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((s) => s.segment),
];

/** Packs the units of `text` greedily into parts that fit, cutting finer where one unit alone is too long. */
function pack(text: string, fits: (part: string) => boolean, level = 0): string[] {
  const parts: string[] = [];
  let current = '';
  for (const unit of LEVELS[level]!(text)) {
    if (fits((current + unit).trim())) {
      current += unit;
      continue;
    }
    if (current.trim()) parts.push(current.trim());
    current = '';
    if (fits(unit.trim()) || level === LEVELS.length - 1) current = unit;
    else parts.push(...pack(unit, fits, level + 1));
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/**
 * Splits a text that is over the limit into parts that are not, at paragraph, then
 * sentence, then word boundaries, counting each part as the server will (with the
 * content warning and, when numbered, its " i/N", which `partText` adds). A text
 * within the limit is one part.
 */
export function splitThread(text: string, limits: ThreadLimits): string[] {
  const counted = (part: string) =>
    countPost({ text: part, spoilerText: limits.spoilerText, charactersReservedPerUrl: limits.charactersReservedPerUrl, rule: limits.rule });
  if (!limits.numbered) return pack(text, (part) => counted(part) <= limits.maxCharacters);
  // The suffix's width depends on the number of parts: guess, split, and again with the
  // count found until it holds (it only grows, and fewer parts than guessed need no more room).
  for (let total = 1; ; ) {
    const widest = numbering(total - 1, total);
    const parts = pack(text, (part) => counted(part + widest) <= limits.maxCharacters);
    if (parts.length <= total) return parts;
    total = parts.length;
  }
}
