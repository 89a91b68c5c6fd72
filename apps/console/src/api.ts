export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const response = await fetch(path, {
    method: init?.method ?? "GET",
    credentials: "same-origin",
    headers: init?.body === undefined ? {} : { "content-type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new ApiError(response.status);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export interface CohortFigures {
  members: number;
  trained: number;
  rate: number;
  targetShare: number;
  targetMet: boolean;
  gap: number;
  inProgress: number;
  notStarted: number;
}

export interface CohortSummary {
  id: string;
  name: string;
  scopeUnit: { id: string; name: string };
  requiredCourses: string[];
  startDate: string | null;
  deadline: string | null;
  validityMonths: number | null;
  figures: CohortFigures;
}
