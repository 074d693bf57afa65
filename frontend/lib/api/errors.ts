/** Every service answers errors as {"error": {"code", "message", "details"}}; this is its one reader. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: "The request was not accepted.",
  401: "Please sign in again.",
  403: "You are not allowed to do that.",
  404: "We could not find that.",
  409: "That conflicts with the current state; refresh and try again.",
  422: "Some fields need another look.",
  429: "Too many attempts; wait a moment and try again.",
  502: "A partner service did not answer; try again shortly.",
  503: "The shop is busy; try again in a minute.",
};

/** Turns any error body (ours, FastAPI's default, or none at all) into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === "object" && "error" in body) {
    const error = (body as { error: unknown }).error;
    if (error && typeof error === "object") {
      const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
      return new ApiError(
        status,
        typeof code === "string" ? code : `http_${status}`,
        typeof message === "string" ? message : (FALLBACK_MESSAGES[status] ?? "Something went wrong."),
        details ?? null,
      );
    }
  }
  return new ApiError(status, `http_${status}`, FALLBACK_MESSAGES[status] ?? "Something went wrong.", null);
}

export interface ApiResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call, or the ApiError of a failed one. */
export function unwrap<T>(result: ApiResult<T>): T {
  if (result.response.ok && result.error === undefined) {
    return result.data as T;
  }
  throw toApiError(result.response.status, result.error);
}

/** Field names a 422 validation error points at (its `details`), for marking inputs invalid. */
export function invalidFields(error: ApiError): string[] {
  if (!Array.isArray(error.details)) return [];
  return error.details
    .map((item: unknown) => {
      if (item && typeof item === "object" && "loc" in item && Array.isArray((item as { loc: unknown }).loc)) {
        const loc = (item as { loc: unknown[] }).loc;
        return String(loc[loc.length - 1]);
      }
      if (item && typeof item === "object" && "field" in item) return String((item as { field: unknown }).field);
      return "";
    })
    .filter(Boolean);
}
