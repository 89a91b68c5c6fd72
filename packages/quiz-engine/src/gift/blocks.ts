/**
 * A GIFT file is a list of blocks separated by blank lines (as Moodle reads it). Whole-line `//`
 * comments are dropped, except that Moodle's `// [id:…]` and `// [tag:…]` markers are kept for
 * the next question.
 */

export interface Block {
  /** The block's lines joined with "\n", comments removed. */
  text: string;
  /** For each kept line: its offset in `text` and its 1-based line in the file. */
  lines: { offset: number; line: number }[];
  /** First line of the block in the file (comments included). */
  line: number;
  idMarker?: string;
  tagMarkers: string[];
}

export function splitBlocks(source: string): Block[] {
  const lines = source.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let current: Block | undefined;
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === "") {
      // A comment-only block keeps its markers for the question that follows.
      if (current?.text.trim()) {
        blocks.push(current);
        current = undefined;
      }
      return;
    }
    current ??= { text: "", lines: [], line: i + 1, tagMarkers: [] };
    if (current.lines.length === 0 && !trimmed.startsWith("//")) current.line = i + 1;
    if (trimmed.startsWith("//")) {
      const id = /\[id:([^\]]*)\]/.exec(trimmed)?.[1];
      if (id !== undefined) current.idMarker = id.trim();
      for (const m of trimmed.matchAll(/\[tag:([^\]]*)\]/g)) current.tagMarkers.push((m[1] ?? "").trim());
      return;
    }
    if (current.lines.length > 0) current.text += "\n";
    current.lines.push({ offset: current.text.length, line: i + 1 });
    current.text += raw;
  });
  if (current?.text.trim()) blocks.push(current);
  return blocks;
}

/** File line and column of an offset in a block's text. */
export function position(block: Block, offset: number): { line: number; column: number } {
  let found = block.lines[0] ?? { offset: 0, line: block.line };
  for (const l of block.lines) {
    if (l.offset > offset) break;
    found = l;
  }
  return { line: found.line, column: offset - found.offset + 1 };
}
