import type { Context } from "hono";
import type { z } from "zod";

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Parses a JSON body against a schema; problems come back as a 400 naming each field. */
export async function readJson<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
  prepare: (body: unknown) => unknown = (body) => body,
): Promise<z.infer<Schema>> {
  const contentType = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(contentType)) {
    throw new HttpError(415, "unsupported_media_type", "Send the body as application/json");
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpError(400, "invalid_json", "The body is not valid JSON");
  }
  const result = schema.safeParse(prepare(body));
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join(".") || "(body)",
      message: issue.message,
    }));
    const first = issues[0];
    throw new HttpError(400, "invalid_body", `${first?.path}: ${first?.message}`, issues);
  }
  return result.data;
}
