import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { Diagnostic } from "../diagnostic.ts";

export type Path = readonly PropertyKey[];

/** A parsed YAML file that can point back at the line and column of any value in it. */
export interface YamlSource {
  file: string;
  /** The plain data, as the schemas see it. */
  data: unknown;
  /**
   * Position of the value at `path` (of its key when `target` is "key"), or of the closest enclosing
   * key when the value is missing.
   */
  locate(path: Path, target?: "value" | "key"): { line: number; column: number };
  /** A diagnostic at the value (or key) at `path`. */
  at(path: Path, message: string, target?: "value" | "key"): Diagnostic;
  /** YAML syntax errors; `data` is not to be trusted when there are any. */
  errors: Diagnostic[];
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lines = new LineCounter();
  // prettyErrors off: we report the position ourselves and want the message without a code excerpt.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const position = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line: Math.max(line, 1), column: Math.max(col, 1) };
  };

  const locate = (path: Path, target: "value" | "key" = "value") => {
    let node: unknown = doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
        if (!pair) break;
        offset = (pair.key as Node | null)?.range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
      // A scalar is pointed at directly; a collection is better pointed at by its key.
      if (isScalar(node) && node.range && target === "value") offset = node.range[0];
    }
    return position(offset);
  };

  return {
    file,
    data: doc.toJS(),
    locate,
    at: (path, message, target) => ({ file, ...locate(path, target), message }),
    errors: [...doc.errors].map((error) => ({ file, ...position(error.pos[0]), message: error.message })),
  };
}

/** `lessons[2].title.en`, the way a writer would name the spot in course.yaml. */
export function formatPath(path: Path): string {
  return path
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${String(segment)}`,
    )
    .join("");
}
