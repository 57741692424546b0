// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // agora-token is CommonJS that reaches into node:crypto and node:zlib;
  // leaving it unbundled keeps the server build identical to the emulator's.
  serverExternalPackages: ["agora-token"],
  // next dev would otherwise write AGENTS.md into the repository.
  agentRules: false,
  experimental: { agentUpgrade: false },
};

module.exports = nextConfig;
