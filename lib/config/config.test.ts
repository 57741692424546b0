import { describe, expect, it } from "vitest";

import { DEMO_APP } from "../demo-app";
import { readServerConfig } from "./index";

const AGORA_ENV = {
  AGORA_APP_ID: "970ca35de60c44645bbae8a215061b33",
  AGORA_APP_CERTIFICATE: "5cfd2fd1755d40ecb72977518be15d3b",
  AGORA_CHAT_APP_KEY: "411000000#1500000",
  AGORA_CHAT_REST_HOST: "a41.chat.agora.io",
};

describe("readServerConfig", () => {
  it("runs against the emulator with its demo app when AGORA_APP_ID is unset", () => {
    const config = readServerConfig({});

    expect(config.mode).toBe("emulator");
    expect(config.signing).toEqual({
      appId: DEMO_APP.appId,
      appCertificate: DEMO_APP.appCertificate,
    });
    expect(config.restBaseUrl).toBe("http://127.0.0.1:4010");
    expect(config.publicConfig).toEqual({
      mode: "emulator",
      appKey: DEMO_APP.appKey,
      socketUrl: "ws://127.0.0.1:4010/websocket",
      sdkRestUrl: "http://127.0.0.1:4010",
      maxTokenTtlSeconds: 3600,
      isAccessCodeRequired: false,
      isOpenToAnyone: false,
    });
    expect(config).toMatchObject({
      authFlow: "exchange",
      restTimeoutMs: 5000,
      rateLimits: { perClient: 30, total: 600 },
      accessCode: null,
      corsOrigins: [],
      isPublicDeployment: false,
    });
  });

  it("points the server and the SDK at a configured emulator URL", () => {
    const config = readServerConfig({
      AGORA_EMULATOR_URL: "http://127.0.0.1:4110/",
    });

    expect(config.restBaseUrl).toBe("http://127.0.0.1:4110");
    expect(config.publicConfig.socketUrl).toBe("ws://127.0.0.1:4110/websocket");
  });

  it("reads every Agora variable in Agora mode, a bare REST host meaning https", () => {
    const config = readServerConfig(AGORA_ENV);

    expect(config).toMatchObject({
      mode: "agora",
      orgName: "411000000",
      appName: "1500000",
      restBaseUrl: "https://a41.chat.agora.io",
    });
    expect(config.publicConfig).toEqual({
      mode: "agora",
      appKey: "411000000#1500000",
      socketUrl: null,
      sdkRestUrl: null,
      maxTokenTtlSeconds: 3600,
      isAccessCodeRequired: false,
      isOpenToAnyone: false,
    });
  });

  it("keeps the certificate out of what the browser receives", () => {
    const config = readServerConfig(AGORA_ENV);

    expect(JSON.stringify(config.publicConfig)).not.toContain(
      AGORA_ENV.AGORA_APP_CERTIFICATE,
    );
  });

  it("accepts a full REST URL and pinned SDK URLs", () => {
    const config = readServerConfig({
      ...AGORA_ENV,
      AGORA_CHAT_REST_HOST: "http://127.0.0.1:4010",
      AGORA_CHAT_SOCKET_URL: "ws://127.0.0.1:4010/websocket",
      AGORA_CHAT_SDK_REST_URL: "http://127.0.0.1:4010",
    });

    expect(config.restBaseUrl).toBe("http://127.0.0.1:4010");
    expect(config.publicConfig.socketUrl).toBe("ws://127.0.0.1:4010/websocket");
  });

  it("names each missing Agora variable", () => {
    expect(() =>
      readServerConfig({ AGORA_APP_ID: AGORA_ENV.AGORA_APP_ID }),
    ).toThrow(
      /AGORA_APP_CERTIFICATE is required.*AGORA_CHAT_APP_KEY is required.*AGORA_CHAT_REST_HOST is required/,
    );
  });

  it.each([
    ["AGORA_APP_CERTIFICATE", "not-hex", /AGORA_APP_CERTIFICATE must be 32/],
    ["AGORA_CHAT_APP_KEY", "no-hash", /AGORA_CHAT_APP_KEY must look like/],
    [
      "AGORA_TOKEN_TTL_SECONDS",
      "90000",
      /AGORA_TOKEN_TTL_SECONDS must be at most/,
    ],
    ["AGORA_CHAT_SOCKET_URL", "http://x", /AGORA_CHAT_SOCKET_URL must be a ws/],
    [
      "AGORA_CHAT_AUTH_FLOW",
      "magic",
      /AGORA_CHAT_AUTH_FLOW must be 'exchange'/,
    ],
    [
      "AGORA_REST_TIMEOUT_MS",
      "fast",
      /AGORA_REST_TIMEOUT_MS must be a whole number/,
    ],
    ["AGORA_ACCESS_CODE", "short", /AGORA_ACCESS_CODE must be at least 8/],
    ["AGORA_CORS_ORIGINS", "https://a.example/path", /bare http\(s\) origins/],
    ["AGORA_CORS_ORIGINS", "ftp://a.example", /bare http\(s\) origins/],
    ["AGORA_CORS_ORIGINS", "*", /no wildcards/],
    ["AGORA_CORS_ORIGINS", "https://*.example.com", /no wildcards/],
    ["AGORA_CORS_ORIGINS", "null", /bare http\(s\) origins/],
    ["AGORA_CHAT_REST_HOST", "ftp://127.0.0.1:4900", /bare host or an http/],
    ["AGORA_CHAT_REST_HOST", "http://127.0.0.1:4900?x=1", /query/],
    ["AGORA_TOKEN_TTL_SECONDS", "1e3", /whole number/],
    ["AGORA_TOKEN_TTL_SECONDS", "0x10", /whole number/],
    ["AGORA_ACCESS_CODE", "        ", /besides spaces/],
    ["AGORA_PUBLIC_DEPLOYMENT", "yes", /AGORA_PUBLIC_DEPLOYMENT must be true/],
  ])("names a bad %s", (name, value, message) => {
    expect(() => readServerConfig({ ...AGORA_ENV, [name]: value })).toThrow(
      message,
    );
  });

  it("treats empty variables as unset", () => {
    expect(readServerConfig({ AGORA_APP_ID: "" }).mode).toBe("emulator");
  });

  it("caps tokens at the configured lifetime", () => {
    const config = readServerConfig({ AGORA_TOKEN_TTL_SECONDS: "120" });

    expect(config.maxTokenTtlSeconds).toBe(120);
  });

  it("reads an upper-case App ID and certificate in lower case", () => {
    const config = readServerConfig({
      ...AGORA_ENV,
      AGORA_APP_ID: AGORA_ENV.AGORA_APP_ID.toUpperCase(),
      AGORA_APP_CERTIFICATE: AGORA_ENV.AGORA_APP_CERTIFICATE.toUpperCase(),
    });

    expect(config.signing).toEqual({
      appId: AGORA_ENV.AGORA_APP_ID,
      appCertificate: AGORA_ENV.AGORA_APP_CERTIFICATE,
    });
  });

  it("reads CORS origins in any case as their canonical origin", () => {
    const config = readServerConfig({
      AGORA_CORS_ORIGINS: "https://A.Example",
    });

    expect(config.corsOrigins).toEqual(["https://a.example"]);
  });

  it("reads the access code, CORS origins and auth flow", () => {
    const config = readServerConfig({
      AGORA_ACCESS_CODE: "open-sesame",
      AGORA_CORS_ORIGINS: "https://a.example, http://localhost:5173/",
      AGORA_CHAT_AUTH_FLOW: "app-token",
      AGORA_TOKEN_RATE_LIMIT_PER_MINUTE: "0",
    });

    expect(config).toMatchObject({
      accessCode: "open-sesame",
      corsOrigins: ["https://a.example", "http://localhost:5173"],
      authFlow: "app-token",
      rateLimits: { perClient: 0, total: 600 },
    });
    expect(config.publicConfig.isAccessCodeRequired).toBe(true);
    expect(JSON.stringify(config.publicConfig)).not.toContain("open-sesame");
  });

  it("flags real Agora on a public preview with no access code", () => {
    const open = readServerConfig({ ...AGORA_ENV, VERCEL_ENV: "preview" });
    const guarded = readServerConfig({
      ...AGORA_ENV,
      VERCEL_ENV: "preview",
      AGORA_ACCESS_CODE: "long-enough-code",
    });
    const local = readServerConfig({ ...AGORA_ENV, VERCEL_ENV: "development" });

    expect(open.publicConfig.isOpenToAnyone).toBe(true);
    expect(guarded.publicConfig.isOpenToAnyone).toBe(false);
    expect(local.publicConfig.isOpenToAnyone).toBe(false);
  });

  it("lets AGORA_PUBLIC_DEPLOYMENT say a deployment is public", () => {
    const config = readServerConfig({
      ...AGORA_ENV,
      AGORA_PUBLIC_DEPLOYMENT: "true",
    });

    expect(config.isPublicDeployment).toBe(true);
  });
});
