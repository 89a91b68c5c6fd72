/** Reads one field of a saved response, which renderers treat as untrusted JSON. */
export function field(response: unknown, name: string): unknown {
  return response && typeof response === "object" ? (response as Record<string, unknown>)[name] : undefined;
}
