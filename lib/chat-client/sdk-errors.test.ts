import { describe, expect, it } from "vitest";

import { explainSdkError, sdkErrorCode, sdkErrorMessage } from "./sdk-errors";

describe("explainSdkError", () => {
  it("says a token for another user or app is the cause of 28", () => {
    expect(explainSdkError(28, "login").meaning).toMatch(
      /does not match this user or this app/,
    );
  });

  it("says 56 means the token expired before login", () => {
    expect(explainSdkError(56, "login").meaning).toMatch(/already expired/);
  });

  it("reads 17 during renewal as the server refusing the new token", () => {
    expect(explainSdkError(17, "renewal").meaning).toBe(
      "The server refused the new token.",
    );
    expect(explainSdkError(17, "login").meaning).toMatch(/REST call/);
  });

  it("keeps the code and admits when it does not know it", () => {
    const explanation = explainSdkError(4242);

    expect(explanation.code).toBe(4242);
    expect(explanation.meaning).toMatch(/does not know/);
    expect(explanation.advice).not.toBe("");
  });
});

describe("reading what the SDK threw", () => {
  it("finds the code and message of an SDK error", () => {
    const error = { type: 28, message: "INVALID_TOKEN" };

    expect(sdkErrorCode(error)).toBe(28);
    expect(sdkErrorMessage(error)).toBe("INVALID_TOKEN");
  });

  it("finds neither on a value that is not an SDK error", () => {
    expect(sdkErrorCode({ status: false })).toBeNull();
    expect(sdkErrorCode("boom")).toBeNull();
    expect(sdkErrorMessage({ message: "" })).toBeNull();
  });
});
