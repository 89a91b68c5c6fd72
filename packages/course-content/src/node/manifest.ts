import { readFile } from "node:fs/promises";
import type { z } from "zod";
import type { Diagnostic } from "../diagnostic.ts";
import { type CourseManifest, courseManifestSchema } from "../schema.ts";
import { formatPath, type Path, parseYamlSource, type YamlSource } from "./yaml-source.ts";

export interface ManifestResult {
  /** Present only when the manifest is valid YAML and passes the schema. */
  manifest?: CourseManifest;
  source: YamlSource;
  diagnostics: Diagnostic[];
}

// zod's default for a missing key ("expected string, received undefined") reads poorly to a writer.
const errorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === "invalid_type" && issue.input === undefined ? "is required" : undefined;

export async function readManifest(file: string): Promise<ManifestResult> {
  return parseManifest(file, await readFile(file, "utf8"));
}

export function parseManifest(file: string, text: string): ManifestResult {
  const source = parseYamlSource(file, text);
  if (source.errors.length > 0) return { source, diagnostics: source.errors };
  const result = courseManifestSchema.safeParse(source.data, { error: errorMap });
  if (result.success) return { manifest: result.data, source, diagnostics: [] };
  const diagnostics = result.error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      // Point at each unknown key itself: usually a typo of a known one.
      return issue.keys.map((key) =>
        source.at([...issue.path, key], `${describe([...issue.path, key])}unknown key`, "key"),
      );
    }
    return [source.at(issue.path, `${describe(issue.path)}${issue.message}`)];
  });
  return { source, diagnostics };
}

function describe(path: Path): string {
  return path.length === 0 ? "" : `${formatPath(path)}: `;
}
