import { describe, expect, it } from "vitest";

import { DEMO_APP } from "../lib/demo-app";
import { readCliSettings } from "./cli";

const settingsOf = (
  argv: string[],
  environment: Record<string, string> = {},
) => {
  const request = readCliSettings(argv, environment);
  if (request.help) throw new Error("expected settings, got --help");

  return request.settings;
};

describe("emulator command line", () => {
  it("defaults to the demo app on 127.0.0.1:4010 with control off", () => {
    expect(settingsOf([])).toEqual({
      port: 4010,
      host: "127.0.0.1",
      appKey: DEMO_APP.appKey,
      appId: DEMO_APP.appId,
      appCertificate: DEMO_APP.appCertificate,
      maxDevicesPerUser: 4,
      control: false,
    });
  });

  it("reads the environment and lets a flag win over it", () => {
    const settings = settingsOf(["--port", "4300", "--control"], {
      AGORA_EMULATOR_PORT: "4200",
      AGORA_EMULATOR_HOST: "0.0.0.0",
      AGORA_EMULATOR_APP_KEY: "acme#chat",
    });

    expect(settings).toMatchObject({
      port: 4300,
      host: "0.0.0.0",
      appKey: "acme#chat",
      control: true,
    });
  });

  it("turns the control API on from AGORA_EMULATOR_CONTROL=1", () => {
    expect(settingsOf([], { AGORA_EMULATOR_CONTROL: "1" }).control).toBe(true);
    expect(settingsOf([], { AGORA_EMULATOR_CONTROL: "0" }).control).toBe(false);
  });

  it("treats an empty variable as unset", () => {
    expect(settingsOf([], { AGORA_EMULATOR_PORT: "" }).port).toBe(4010);
  });

  it.each([
    [["--port", "http"], "--port must be a number"],
    [["--port", "70000"], "--port must be 0 to 65535"],
    [["--app-key", "nohash"], "--app-key must look like org#app"],
    [["--app-id", "xyz"], "--app-id must be 32 hex characters"],
    [["--max-devices", "11"], "--max-devices must be 1 to 10"],
    [["--verbose"], "Unknown option '--verbose'"],
  ])("refuses %j naming the flag", (argv, message) => {
    expect(() => readCliSettings(argv, {})).toThrow(message);
  });

  it("asks for help", () => {
    expect(readCliSettings(["--help"], {})).toEqual({ help: true });
  });
});
