// npm run check:secrets — after the production build and the browser
// suite: no client bundle, prerendered page or server log line may hold
// an App Certificate or a token.
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";

import { DEMO_APP } from "../lib/demo-app";
import { AGORA_MODE_APP, SERVER_LOG_DIR } from "./servers";

// Every AccessToken2 is "007" and base64 of zlib data, which starts "eJ".
const TOKEN_PATTERN = /007eJ[A-Za-z0-9+/=]{16,}/;

const SECRETS = [
  ["the demo App Certificate", DEMO_APP.appCertificate],
  ["the Agora-mode App Certificate", AGORA_MODE_APP.appCertificate],
] as const;

// What the browser downloads, and pages rendered at build time. Server
// code is left out: it names the variables, and only a visitor's view and
// the logs matter here.
const CLIENT_DIR = ".next/static";
const PRERENDERED_DIR = ".next/server/app";
const PRERENDERED = /\.(html|rsc|body|meta|json|txt)$/;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];

  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

// The emulators stand in for Agora and print their own credentials on
// start for whoever runs them; they must still never log a token.
const MAY_PRINT_CERTIFICATE = /emulator\.log$/;

function findingsIn(path: string): string[] {
  const text = readFileSync(path, "utf8");
  const secrets = MAY_PRINT_CERTIFICATE.test(path) ? [] : SECRETS;
  const found = secrets
    .filter(([, secret]) => text.toLowerCase().includes(secret.toLowerCase()))
    .map(([name]) => `${path}: ${name}`);

  if (TOKEN_PATTERN.test(text)) found.push(`${path}: an AccessToken2 token`);

  return found;
}

function main() {
  const clientFiles = [
    ...filesUnder(CLIENT_DIR),
    ...filesUnder(PRERENDERED_DIR).filter((path) => PRERENDERED.test(path)),
  ];
  const logs = filesUnder(SERVER_LOG_DIR);

  if (clientFiles.length === 0 || logs.length === 0) {
    console.error(
      "check:secrets: run it after `next build` and the browser suite; " +
        `found ${clientFiles.length} build files and ${logs.length} logs`,
    );
    process.exit(1);
  }

  const findings = [...clientFiles, ...logs].flatMap(findingsIn);
  if (findings.length > 0) {
    console.error(`check:secrets: FAIL\n${findings.join("\n")}`);
    process.exit(1);
  }

  console.log(
    `check:secrets: ${clientFiles.length} build files and ${logs.length} server logs hold no certificate and no token`,
  );
}

main();
