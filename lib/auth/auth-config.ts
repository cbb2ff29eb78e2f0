import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { getDb } from "../server/app-database";
import { createStaffSession } from "./staff-sessions";
import { loadSecrets } from "../secrets";
import { requestMetaFrom } from "../server/request-meta";
import { checkCredentials } from "./credentials";
import { sessionPolicy } from "./session-policy";
import { signInSchema } from "./sign-in.validation";
import { oidcProviders } from "./oidc";
import type { SsoRefusal } from "./sso-refusal";

class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

declare module "next-auth" {
  interface Session {
    /** The staff_sessions row behind this cookie; guards check it on every request. */
    sid?: string;
  }
  interface User {
    /** Single sign-on: the Assent account the identity was admitted as, or why it was not. */
    assentUserId?: string;
    ssoRefusal?: SsoRefusal;
  }
}

// Built per request (lazy), so `next build` never reads secrets or opens the database.
function config(): NextAuthConfig {
  return {
    secret: loadSecrets().authSecret,
    // Self-hosted behind whatever host name the operator gives it; Origin checks on actions guard CSRF.
    trustHost: true,
    session: { strategy: "jwt", maxAge: sessionPolicy.absoluteHours * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) return null;
          const meta = requestMetaFrom(request.headers);
          const result = await checkCredentials(await getDb(), { ...parsed.data, ip: meta.ip });
          if (result.ok) return { id: result.userId };
          if (result.reason === "throttled") throw new ThrottledSignIn();
          return null;
        },
      }),
      ...oidcProviders(),
    ],
    callbacks: {
      signIn({ user, account }) {
        // Single sign-on admits only identities that oidc.ts matched to an active account or open invitation.
        if (account?.type === "oidc") return user.assentUserId ? true : `/sign-in?error=${user.ssoRefusal ?? "not_invited"}`;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          // A fresh session row at every sign-in, by password or SSO alike: nothing from an earlier session
          // carries over, and the same idle, absolute and deactivation checks apply to both.
          const userId = user.assentUserId ?? user.id!;
          const meta = requestMetaFrom(await headers());
          token.sid = await createStaffSession(await getDb(), { userId, ip: meta.ip, userAgent: meta.userAgent });
          token.sub = userId;
        }
        return token;
      },
      session({ session, token }) {
        session.sid = typeof token.sid === "string" ? token.sid : undefined;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
