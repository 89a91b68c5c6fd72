/**
 * Low-level GIFT scanning. GIFT escapes its control characters with a backslash (`\~ \= \# \{ \}
 * \: \\`, and `\n` for a newline), so every search skips escaped characters, and text is unescaped
 * only once it has been cut out. Offsets stay those of the raw block, for line numbers.
 */

/** A piece of raw block text and where it starts in the block. */
export interface Piece {
  text: string;
  start: number;
}

/** The first unescaped occurrence of `token` at or after `from`, or -1. */
export function indexOfUnescaped(s: string, token: string, from = 0): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s.startsWith(token, i)) return i;
  }
  return -1;
}

/** The last unescaped occurrence of `token`, or -1. */
export function lastIndexOfUnescaped(s: string, token: string): number {
  let last = -1;
  for (let i = indexOfUnescaped(s, token); i >= 0; i = indexOfUnescaped(s, token, i + 1)) last = i;
  return last;
}

/** Splits at the first unescaped `token`: the part before, and the part after (if any). */
export function splitOnce(piece: Piece, token: string): [Piece, Piece | undefined] {
  const at = indexOfUnescaped(piece.text, token);
  if (at < 0) return [piece, undefined];
  return [
    { text: piece.text.slice(0, at), start: piece.start },
    { text: piece.text.slice(at + token.length), start: piece.start + at + token.length },
  ];
}

/**
 * Cuts a piece at every unescaped marker character. Returns the text before the first marker and
 * each marked part with its marker.
 */
export function splitMarked(
  piece: Piece,
  markers: string,
): { head: Piece; parts: (Piece & { marker: string })[] } {
  const parts: (Piece & { marker: string })[] = [];
  let head: Piece | undefined;
  let from = 0;
  let marker = "";
  const s = piece.text;
  for (let i = 0; i <= s.length; i++) {
    if (s[i] === "\\") {
      i++;
      continue;
    }
    if (i < s.length && !markers.includes(s[i] as string)) continue;
    const part = { text: s.slice(from, i), start: piece.start + from };
    if (head === undefined) head = part;
    else parts.push({ ...part, marker });
    marker = s[i] ?? "";
    from = i + 1;
  }
  return { head: head ?? { text: "", start: piece.start }, parts };
}

const ESCAPES: Record<string, string> = {
  ":": ":",
  "#": "#",
  "=": "=",
  "{": "{",
  "}": "}",
  "~": "~",
  "\\": "\\",
  n: "\n",
};

/** GIFT's escapes, as Moodle reads them: any other backslash is a literal backslash. */
export function unescapeGift(s: string): string {
  return s.replace(/\\(.)/gs, (all, c: string) => ESCAPES[c] ?? all);
}

/** Trimmed start offset of a piece (where its first non-space character is). */
export function trimmed(piece: Piece): Piece {
  const lead = piece.text.length - piece.text.trimStart().length;
  return { text: piece.text.trim(), start: piece.start + lead };
}
