// Types for the parser that ships inside the official agora-token package.
// It is not re-exported from the package index, so it gets its own
// declaration here: only the members lib/token reads are described.
declare module "agora-token/src/AccessToken2" {
  export const kChatServiceType: number;

  export class ServiceChat {
    static readonly kPrivilegeUser: number;
    static readonly kPrivilegeApp: number;
    service_type(): number;
    __user_id: Buffer | string;
    __privileges: Record<string, number>;
  }

  export class AccessToken2 {
    constructor(
      appId: string,
      appCertificate: string,
      issueTs: number,
      expire: number,
    );
    // The parser leaves byte fields as Buffers.
    appId: Buffer | string;
    issueTs: number;
    expire: number;
    salt: number;
    services: ServiceChat[];
    from_string(token: string): boolean;
    verifySignature(appCertificate: string): boolean;
  }
}
