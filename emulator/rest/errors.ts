/**
 * A failed REST call as Agora reports it: an HTTP status, a snake_case
 * `error` and a human description. Handlers throw it; the router maps it.
 */
export class RestError extends Error {
  readonly status: number;
  readonly error: string;

  constructor(status: number, error: string, description: string) {
    super(description);
    this.name = "RestError";
    this.status = status;
    this.error = error;
  }
}

export interface AgoraErrorBody {
  error: string;
  exception: string;
  timestamp: number;
  duration: number;
  error_description: string;
}

/** The JSON body Agora sends with every failed call. */
export function errorBody(
  failure: RestError,
  timestamp: number,
  duration: number,
): AgoraErrorBody {
  return {
    error: failure.error,
    exception: exceptionName(failure.error),
    timestamp,
    duration,
    error_description: failure.message,
  };
}

// Agora names the server-side exception after the error, e.g.
// `illegal_argument` comes with `IllegalArgumentException`.
function exceptionName(error: string): string {
  const words = error.split("_").map((word) => {
    return word.charAt(0).toUpperCase() + word.slice(1);
  });

  return `${words.join("")}Exception`;
}

/** 401: the Bearer is missing, unknown, expired or not for this app. */
export const unauthorized = (description: string) =>
  new RestError(401, "unauthorized", description);

/** 400: a request value breaks one of Agora's rules. */
export const illegalArgument = (description: string) =>
  new RestError(400, "illegal_argument", description);
