"use client";

import { preloadLoginCode } from "../chat-client/on-demand";
import { useChatSession } from "../chat-client/use-chat-session";
import type { PublicChatConfig } from "../public-config";
import { ConnectionBadge } from "./connection-badge";
import { Conversation } from "./conversation";
import { ErrorNotice } from "./error-notice";
import { LoginForm } from "./login-form";
import { Timeline } from "./timeline";
import { TokenClaims } from "./token-claims";
import { TokenLifetime } from "./token-lifetime";

const SIGNED_OUT_STATES = ["signed-out", "failed"];
const LIVE_STATES = ["connected", "renewing"];

/** The page's interactive part: log in, watch the token, talk. */
export function TokenLab({ config }: { config: PublicChatConfig }) {
  const chat = useChatSession(config);
  const isSignedIn = !SIGNED_OUT_STATES.includes(chat.state);

  return (
    <div className="space-y-6">
      <ErrorNotice entries={chat.timeline} />
      <div className="grid gap-6 md:grid-cols-[minmax(0,20rem)_1fr]">
        <div className="space-y-6">
          <section className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <div className="flex items-center justify-between">
              <h2 className="text-sm font-semibold text-slate-900">Session</h2>
              <ConnectionBadge state={chat.state} />
            </div>
            <LoginForm
              maxTokenTtlSeconds={config.maxTokenTtlSeconds}
              isAccessCodeRequired={config.isAccessCodeRequired}
              isSignedIn={isSignedIn}
              isBusy={chat.isFetchingToken}
              onLogin={(user, ttl) => void chat.login(user, ttl)}
              onLogout={chat.logout}
              onIntent={preloadLoginCode}
            />
          </section>
          <TokenClaims token={chat.tokens.at(-1)} />
        </div>
        <div className="min-w-0 space-y-6">
          <TokenLifetime tokens={chat.tokens} clock={chat.clock} />
          <Conversation
            messages={chat.messages}
            canSend={LIVE_STATES.includes(chat.state)}
            isSending={chat.isSending}
            onSend={chat.sendText}
          />
        </div>
      </div>
      <Timeline entries={chat.timeline} />
    </div>
  );
}
