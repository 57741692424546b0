import {
  encodeMessage,
  type Jid,
  type ProtocolMessageName,
  type ProtocolMessages,
} from "../protocol";

// Every JID the SDK builds carries this domain; it checks none of it.
const CHAT_DOMAIN = "easemob.com";

/** The JID of a chat user, optionally of one of their devices. */
export function userJid(appKey: string, name: string, resource?: string): Jid {
  const jid: Jid = { appKey, name, domain: CHAT_DOMAIN };
  if (resource) jid.clientResource = resource;

  return jid;
}

/** One MSync frame carrying `payload` encoded as the named message. */
export function encodeFrame<N extends ProtocolMessageName>(
  command: number,
  name: N,
  payload: ProtocolMessages[N],
): Uint8Array {
  return encodeMessage("MSync", {
    version: 0,
    command,
    payload: encodeMessage(name, payload),
  });
}
