// The body of the token signing thread (see signing-thread.ts). Plain
// JavaScript so that Node runs it as it is under Vitest, and Next bundles
// it as a worker entry.
import { parentPort } from "node:worker_threads";

import agoraToken from "agora-token";

const { ChatTokenBuilder } = agoraToken;

// Each message is a batch of requests; the answer lists their tokens in
// the same order, with null where the builder threw.
parentPort.on("message", (requests) => {
  parentPort.postMessage(requests.map(buildOrNull));
});

function buildOrNull({ appId, appCertificate, userId, ttlSeconds }) {
  try {
    return ChatTokenBuilder.buildUserToken(
      appId,
      appCertificate,
      userId,
      ttlSeconds,
    );
  } catch {
    return null;
  }
}
