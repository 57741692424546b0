// Token signing and reading. Free of Next.js imports on purpose: the local
// emulator verifies tokens with the same code the server signs them with.
// The server signs user tokens through ./sign-user-token, off the event loop.
export {
  MAX_TOKEN_TTL_SECONDS,
  buildChatAppToken,
  buildChatUserToken,
  ttlSecondsSchema,
  type SigningCredentials,
} from "./build";
export {
  decodeToken,
  isSignedWith,
  type ChatPrivilege,
  type DecodedToken,
} from "./decode";
export { checkChatToken, type TokenCheck } from "./check";
