/**
 * The credentials of the local Agora Chat emulator's demo app. They are
 * published on purpose: they sign tokens only the emulator accepts, so the
 * app runs with no Agora account. Never reuse them for a real Agora project.
 */
export const DEMO_APP = {
  appId: "e8333adbd5d5ff756ce5d1e4dedad063",
  appCertificate: "091bb7569bf7d394fb7d9490bca3d7b9",
  appKey: "demo#tokenlab",
} as const;

export const DEFAULT_EMULATOR_PORT = 4010;
