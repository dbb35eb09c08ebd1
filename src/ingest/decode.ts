/** Bytes to text: BOM-aware, strict about UTF-8, and able to say when a file is not text at all. */

export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** 1-based line of the first byte that is not valid UTF-8, when the file fell back to Windows-1252. */
  readonly invalidUtf8Line: number | null;
}

export type DecodeResult =
  { readonly kind: 'text'; readonly value: DecodedText } | { readonly kind: 'binary'; readonly line: number };

const SNIFF_BYTES = 64 * 1024;

/**
 * Decodes a file's bytes. UTF-8 (with or without BOM) and UTF-16 with a BOM are read as is;
 * other bytes that are not valid UTF-8 fall back to Windows-1252 (the usual culprit when a
 * dump was saved by an old editor). Files whose first 64 KB are more than 5% control bytes are
 * reported as binary; a few NULs or other control bytes in text are left for `cleanControls`, so
 * they are handled the same wherever in the file they are.
 */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return text(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return text(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be');
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;

  const binaryAt = findBinaryByte(body);
  if (binaryAt !== -1) return { kind: 'binary', line: lineOfOffset(body, binaryAt) };

  try {
    return text(new TextDecoder('utf-8', { fatal: true }).decode(body), hasBom ? 'utf-8-bom' : 'utf-8');
  } catch {
    const badAt = firstInvalidUtf8(body);
    return {
      kind: 'text',
      value: {
        text: decodeWindows1252(body),
        encoding: 'windows-1252',
        invalidUtf8Line: lineOfOffset(body, badAt),
      },
    };
  }
}

function text(value: string, encoding: DecodedText['encoding']): DecodeResult {
  return { kind: 'text', value: { text: value, encoding, invalidUtf8Line: null } };
}

/** Offset of the first control byte of a control-byte-heavy sniff window; -1 for text. */
function findBinaryByte(bytes: Uint8Array): number {
  const end = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  let firstControl = -1;
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    // Tab, LF, FF and CR are text; other C0 bytes (NUL among them) are not.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) {
      control++;
      if (firstControl === -1) firstControl = i;
    }
  }
  return end > 0 && control / end > 0.05 ? firstControl : -1;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return 0;
}

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

// Windows-1252 differs from Latin-1 only in 0x80-0x9F; Node's TextDecoder maps those to C1 controls.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    for (let i = start; i < Math.min(bytes.length, start + CHUNK); i++) {
      const b = bytes[i]!;
      codes.push(b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b);
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}
