import "server-only";

import { randomBytes } from "node:crypto";

import { LRUCache } from "lru-cache";

import { isAppError } from "../errors";
import {
  findUserUuid,
  registerUser,
  type ChatRestTarget,
  type UpstreamTrace,
} from "./chat-rest";
import type { ChatCredential } from "./credential";

/** Bounds memory; entries also expire after the configured time. */
const MAX_CACHED_USERS = 10_000;

/** A name the access check looks up; it need not exist. */
const ACCESS_CHECK_USER = "health-check";

/**
 * Maps usernames to Agora's UUIDs, registering users Agora does not know.
 * Concurrent first requests for one name share a single lookup and
 * registration.
 */
export class UserDirectory {
  private readonly uuids: LRUCache<string, string, UpstreamTrace>;

  // A UUID never changes while its user exists, but a user deleted and
  // registered again gets a new one: entries expire after `cacheSeconds`.
  constructor(
    private readonly target: ChatRestTarget,
    private readonly credential: ChatCredential,
    cacheSeconds: number,
  ) {
    this.uuids = new LRUCache<string, string, UpstreamTrace>({
      max: MAX_CACHED_USERS,
      ttl: cacheSeconds * 1000,
      fetchMethod: (username, _stale, { context }) =>
        this.findOrRegister(username, context),
    });
  }

  /** The user's UUID, from the cache or from Agora. */
  async uuidOf(username: string, trace: UpstreamTrace): Promise<string> {
    const uuid = await this.uuids.fetch(username, { context: trace });

    // fetchMethod either resolves a UUID or throws; never undefined.
    return uuid!;
  }

  /**
   * Proves the server can use the Chat REST API: gets the credential and
   * looks up a user. Agora answering "no such user" counts as success.
   */
  async checkAccess(trace: UpstreamTrace): Promise<void> {
    await this.withCredential(trace, (bearer) =>
      findUserUuid(this.target, bearer, ACCESS_CHECK_USER, trace),
    );
  }

  private findOrRegister(username: string, trace: UpstreamTrace) {
    return this.withCredential(trace, async (bearer) => {
      const existing = await findUserUuid(this.target, bearer, username, trace);
      if (existing) return existing;

      return this.register(bearer, username, trace);
    });
  }

  private async register(
    bearer: string,
    username: string,
    trace: UpstreamTrace,
  ): Promise<string> {
    // Users log in with tokens only; the password just satisfies the API.
    const password = randomBytes(24).toString("base64url");

    try {
      return await registerUser(this.target, bearer, username, password, trace);
    } catch (error) {
      // Another server instance registered the name first: it exists now.
      if (!isAppError(error) || error.code !== "upstream_user_exists") {
        throw error;
      }
      const uuid = await findUserUuid(this.target, bearer, username, trace);
      if (uuid) return uuid;
      throw error;
    }
  }

  // A cached credential may have been revoked upstream: on a 401 it is
  // dropped and the work is tried once more with a fresh one.
  private async withCredential<T>(
    trace: UpstreamTrace,
    work: (bearer: string) => Promise<T>,
  ): Promise<T> {
    const { bearer, wasCached } = await this.credential.get(trace);

    try {
      return await work(bearer);
    } catch (error) {
      const isRefused =
        isAppError(error) && error.code === "upstream_unauthorized";
      if (!isRefused || !wasCached) throw error;

      this.credential.discard(bearer);
      const fresh = await this.credential.get(trace);
      return work(fresh.bearer);
    }
  }
}
