/**
 * The one error type of the app. `code` is stable for clients to branch on,
 * `status` is the HTTP status a route answers with, and `message` is safe to
 * show: it never carries a token, a password or the App Certificate.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  /** Sent as Retry-After when set: when asking again may succeed. */
  readonly retryAfterSeconds?: number;

  constructor(
    code: string,
    status: number,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.status = status;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
