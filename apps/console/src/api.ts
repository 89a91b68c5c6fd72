/** A failed request: the HTTP status and, when the server sent one, its error code, message and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null = null,
    message = `HTTP ${status}`,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

async function failure(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: string;
    message?: string;
    details?: unknown;
  } | null;
  return new ApiError(
    response.status,
    body?.error ?? null,
    body?.message ?? `HTTP ${response.status}`,
    body?.details,
  );
}

export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const response = await fetch(path, {
    method: init?.method ?? "GET",
    credentials: "same-origin",
    headers: init?.body === undefined ? {} : { "content-type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw await failure(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Sends a file's bytes as they are (the server tells CSV from XLSX by content). */
export async function upload<T>(path: string, file: Blob): Promise<T> {
  const response = await fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": file.type || "application/octet-stream" },
    body: file,
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
