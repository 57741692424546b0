import { deflateSync, inflateSync } from "node:zlib";

import { afterEach, describe, expect, it, vi } from "vitest";

import {
  buildChatAppToken,
  buildChatUserToken,
  checkChatToken,
  decodeToken,
  isSignedWith,
} from "./index";
import { signChatUserToken } from "./sign-user-token";

// The Chat vectors of Agora's own AccessToken2 tests (issue ts 1111111,
// salt 1, lifetime 600 s).
const VECTOR = {
  credentials: {
    appId: "970CA35de60c44645bbae8a215061b33",
    appCertificate: "5CFd2fd1755d40ecb72977518be15d3b",
  },
  issuedAt: 1_111_111,
  lifetime: 600,
  userId: "2882341273",
  userToken:
    "007eJxTYNAIsnbS3v/A5t2TC6feR15r+6cq8bqAvfaW+tk/Vzz+p6xTYLA0N3B2NDZNSTUzSDYxMTMxTUpKTLVINDI0NTAzTDI2dv8iwBDBxMDAyADCrAyMDIxgPheDkYWFkbGJoZG5MQAfpR64",
  appToken:
    "007eJxTYNDNaz3snC8huEfHWdz6s98qltq4zqy9fl99Uh0FDvy6F6DAYGlu4OxobJqSamaQbGJiZmKalJSYapFoZGhqYGaYZGzs/kWAIYKJgYGRAYRZGRgZmMB8BgYArfIYaw==",
};

const OTHER_CERTIFICATE = "0123456789abcdef0123456789abcdef";
const EXPIRES_AT = VECTOR.issuedAt + VECTOR.lifetime;

function content(token: string): Buffer {
  return inflateSync(Buffer.from(token.slice(3), "base64"));
}

// The builder takes its issue time from the clock and its salt from
// Math.random; pinning both reproduces the vectors' signing inputs.
function pinIssueTimeAndSalt() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(VECTOR.issuedAt * 1000);
  vi.spyOn(Math, "random").mockReturnValue(0);
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("decodeToken", () => {
  it("reads Agora's chat user token vector", () => {
    expect(decodeToken(VECTOR.userToken)).toEqual({
      appId: VECTOR.credentials.appId,
      issuedAt: VECTOR.issuedAt,
      expiresAt: EXPIRES_AT,
      salt: 1,
      chat: {
        userId: VECTOR.userId,
        privileges: { user: { expiresAt: EXPIRES_AT } },
      },
    });
  });

  it("reads Agora's chat app token vector", () => {
    const decoded = decodeToken(VECTOR.appToken);

    expect(decoded.chat).toEqual({
      userId: "",
      privileges: { app: { expiresAt: EXPIRES_AT } },
    });
    expect(decoded.expiresAt).toBe(EXPIRES_AT);
  });

  it("refuses an oversized token before inflating it", () => {
    // 50 MB of zeros deflate to about 50 kB: a zip bomb in miniature.
    const bomb = deflateSync(Buffer.alloc(50_000_000)).toString("base64");

    expect(() => decodeToken(`007${bomb}`)).toThrow(/longer than 2048/);
  });

  it.each(["", "007", "006abc", "007!!!not-base64", "007eJxTYA=="])(
    "rejects %j as malformed",
    (token) => {
      expect(() => decodeToken(token)).toThrow(/Not an AccessToken2/);
    },
  );
});

describe("isSignedWith", () => {
  it("accepts the vectors with their certificate", () => {
    const { appCertificate } = VECTOR.credentials;

    expect(isSignedWith(VECTOR.userToken, appCertificate)).toBe(true);
    expect(isSignedWith(VECTOR.appToken, appCertificate)).toBe(true);
  });

  it("refuses a certificate the token was not signed with", () => {
    expect(isSignedWith(VECTOR.userToken, OTHER_CERTIFICATE)).toBe(false);
  });
});

describe("buildChatUserToken", () => {
  it("signs the same content as Agora's user token vector", () => {
    pinIssueTimeAndSalt();

    const token = buildChatUserToken(
      VECTOR.credentials,
      VECTOR.userId,
      VECTOR.lifetime,
    );

    expect(content(token)).toEqual(content(VECTOR.userToken));
  });

  it("makes a token that names the user and expires after the ttl", () => {
    const before = Math.floor(Date.now() / 1000);
    const token = buildChatUserToken(VECTOR.credentials, "alice", 30);
    const decoded = decodeToken(token);

    expect(token.startsWith("007")).toBe(true);
    expect(decoded.chat?.userId).toBe("alice");
    expect(decoded.expiresAt - decoded.issuedAt).toBe(30);
    expect(decoded.issuedAt).toBeGreaterThanOrEqual(before);
  });

  it.each([0, -1, 1.5, 86_401, Number.NaN])(
    "refuses a lifetime of %s seconds",
    (ttl) => {
      expect(() =>
        buildChatUserToken(VECTOR.credentials, "alice", ttl),
      ).toThrow(/token lifetime/);
    },
  );

  it("accepts the 24 h maximum", () => {
    const token = buildChatUserToken(VECTOR.credentials, "alice", 86_400);

    expect(decodeToken(token).expiresAt - decodeToken(token).issuedAt).toBe(
      86_400,
    );
  });

  it.each([
    [{ ...VECTOR.credentials, appId: "970CA35de60c" }, /App ID/],
    [{ ...VECTOR.credentials, appCertificate: "z".repeat(32) }, /Certificate/],
  ])("refuses malformed credentials %#", (credentials, message) => {
    expect(() => buildChatUserToken(credentials, "alice", 60)).toThrow(message);
  });

  it("refuses an empty user id", () => {
    expect(() => buildChatUserToken(VECTOR.credentials, "", 60)).toThrow(
      /must not be empty/,
    );
  });
});

describe("signChatUserToken", () => {
  it("reports the issue and expiry times the token carries", async () => {
    const signed = await signChatUserToken(VECTOR.credentials, "alice", 30);
    const decoded = decodeToken(signed.token);

    expect(signed.issuedAt).toBe(decoded.issuedAt);
    expect(signed.expiresAt).toBe(decoded.expiresAt);
  });

  it("reads the token when the clock crossed a second", async () => {
    // Date.now reads 1999.999 s before and 2000.001 s after; the builder
    // itself reads the real clock, so only the token can say which it was.
    vi.spyOn(Date, "now")
      .mockReturnValueOnce(1_999_999)
      .mockReturnValueOnce(2_000_001);

    const signed = await signChatUserToken(VECTOR.credentials, "alice", 30);

    expect(signed.issuedAt).toBe(decodeToken(signed.token).issuedAt);
  });

  it("signs concurrent requests each for its own user", async () => {
    const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);

    const signed = await Promise.all(
      users.map((user) => signChatUserToken(VECTOR.credentials, user, 60)),
    );

    signed.forEach(({ token }, i) => {
      expect(isSignedWith(token, VECTOR.credentials.appCertificate)).toBe(true);
      expect(decodeToken(token).chat?.userId).toBe(users[i]);
    });
  });

  it("refuses bad input before it reaches the signing thread", async () => {
    await expect(
      signChatUserToken(VECTOR.credentials, "alice", 0),
    ).rejects.toThrow(/at least 1 second/);
    await expect(signChatUserToken(VECTOR.credentials, "", 60)).rejects.toThrow(
      /must not be empty/,
    );
  });
});

describe("buildChatAppToken", () => {
  it("signs the same content as Agora's app token vector", () => {
    pinIssueTimeAndSalt();

    const token = buildChatAppToken(VECTOR.credentials, VECTOR.lifetime);

    expect(content(token)).toEqual(content(VECTOR.appToken));
  });
});

describe("checkChatToken", () => {
  const expectations = {
    credentials: VECTOR.credentials,
    privilege: "user" as const,
    acceptedUserIds: [VECTOR.userId],
    now: EXPIRES_AT - 1,
  };

  it("accepts a valid user token and reports its expiry", () => {
    expect(checkChatToken(VECTOR.userToken, expectations)).toEqual({
      ok: true,
      userId: VECTOR.userId,
      expiresAt: EXPIRES_AT,
    });
  });

  it.each([
    ["malformed", "007garbage", expectations],
    ["expired", VECTOR.userToken, { ...expectations, now: EXPIRES_AT }],
    [
      "bad_signature",
      VECTOR.userToken,
      {
        ...expectations,
        credentials: {
          ...VECTOR.credentials,
          appCertificate: OTHER_CERTIFICATE,
        },
      },
    ],
    [
      "wrong_app",
      VECTOR.userToken,
      {
        ...expectations,
        credentials: { ...VECTOR.credentials, appId: OTHER_CERTIFICATE },
      },
    ],
    [
      "wrong_user",
      VECTOR.userToken,
      { ...expectations, acceptedUserIds: ["x"] },
    ],
    [
      "missing_privilege",
      VECTOR.appToken,
      { ...expectations, acceptedUserIds: undefined },
    ],
  ])("rejects with %s", (reason, token, expected) => {
    expect(checkChatToken(token, expected)).toMatchObject({
      ok: false,
      reason,
    });
  });

  it("accepts the app vector as an app token", () => {
    const check = checkChatToken(VECTOR.appToken, {
      ...expectations,
      privilege: "app",
      acceptedUserIds: undefined,
    });

    expect(check.ok).toBe(true);
  });
});
