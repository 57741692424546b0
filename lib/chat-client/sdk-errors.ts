/** What the session was doing when the SDK reported an error. */
export type ErrorContext = "login" | "renewal" | "message" | "session";

export interface ErrorExplanation {
  code: number | null;
  /** What the code means, in plain words. */
  meaning: string;
  /** What a developer can do about it. */
  advice: string;
}

type Explainer = Omit<ErrorExplanation, "code">;

// Codes and names come from the agora-chat 1.4.0 typings and its error
// mapping; the wording is ours.
const EXPLANATIONS: Record<number, Explainer> = {
  1: {
    meaning: "The SDK could not open its socket to Agora Chat.",
    advice: "Check the socket URL and that the server is reachable.",
  },
  2: {
    meaning: "The server refused the login as unauthorised.",
    advice: "Check the app key and that the token was signed for this app.",
  },
  16: {
    meaning: "The connection closed and the SDK gave up reconnecting.",
    advice: "Check the network and log in again.",
  },
  17: {
    meaning: "A REST call of the SDK failed.",
    advice: "Look at the response body in the message for the reason.",
  },
  28: {
    meaning: "The token does not match this user or this app.",
    advice:
      "Sign the token for this user (its UUID) with this app's ID and certificate.",
  },
  39: {
    meaning: "The connection is closed.",
    advice: "Log in before sending or renewing.",
  },
  56: {
    meaning: "The token had already expired when the SDK logged in with it.",
    advice: "Fetch a fresh token right before logging in, and check clocks.",
  },
  204: {
    meaning: "Agora Chat has no user with this name.",
    advice: "Register the user first; the token server does it on demand.",
  },
  206: {
    meaning: "The same user logged in on another device, closing this one.",
    advice: "Use one session per user, or allow multiple devices.",
  },
  207: {
    meaning: "The user was deleted on the server.",
    advice: "Register the user again before logging in.",
  },
  216: {
    meaning: "The user's password changed, ending this session.",
    advice: "Log in again with a new token.",
  },
  217: {
    meaning: "Another device of this user forced this one to log out.",
    advice: "Log in again if this device should stay online.",
  },
  221: {
    meaning: "The recipient only accepts messages from contacts.",
    advice: "Add each other as contacts or change the app's setting.",
  },
  500: {
    meaning: "Agora Chat is busy.",
    advice: "Retry in a moment.",
  },
  510: {
    meaning: "The message could not be sent because the socket closed.",
    advice: "Wait until the session is connected again and resend.",
  },
};

// The same code means something sharper in some situations.
const IN_CONTEXT: Partial<Record<ErrorContext, Record<number, Explainer>>> = {
  renewal: {
    17: {
      meaning: "The server refused the new token.",
      advice:
        "Check that the new token was signed for the same user and app and has not expired.",
    },
  },
};

const UNKNOWN: Explainer = {
  meaning: "The SDK reported an error this page does not know.",
  advice: "Look the code up in Agora Chat's error code reference.",
};

/** A plain-language reading of an agora-chat error code. */
export function explainSdkError(
  code: number | null,
  context: ErrorContext = "session",
): ErrorExplanation {
  if (code === null) return { code, ...UNKNOWN };

  const explainer =
    IN_CONTEXT[context]?.[code] ?? EXPLANATIONS[code] ?? UNKNOWN;

  return { code, ...explainer };
}

/** The numeric code of whatever the SDK threw or reported, if it has one. */
export function sdkErrorCode(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;

  const { type } = error as { type?: unknown };

  return typeof type === "number" ? type : null;
}

/** The SDK's own message on an error, if any. */
export function sdkErrorMessage(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;

  const { message } = error as { message?: unknown };

  return typeof message === "string" && message ? message : null;
}
