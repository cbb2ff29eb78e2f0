import "server-only";
import type { Db } from "../db/client";
import type { ActiveSession } from "../auth/staff-sessions";
import { AppError } from "../errors";
import { fieldMessages } from "../validation/field-errors";
import { hitRateLimit } from "../rate-limit/limit";
import type { RequestMeta } from "../server/request-meta";
import { acceptInvitation, resetPassword } from "./accept";
import { acceptInvitationSchema, newPasswordSchema } from "./members.validation";

export type LinkFormState = {
  message?: string;
  fields: Record<string, string>;
  /** The name as typed, given back with a refusal: React resets a form after its action, and retyping it is a chore. */
  name?: string;
  done?: { email: string; password?: string; next: string };
};

// Link tokens are unguessable; the limit keeps a script from hammering argon2 through these forms.
const perIp = { name: "link-form-ip", limit: 20, windowSeconds: 900 };

async function guarded(db: Db, meta: RequestMeta, run: () => Promise<LinkFormState>): Promise<LinkFormState> {
  if (!(await hitRateLimit(db, perIp, meta.ip ?? "unknown")).allowed) {
    return { fields: {}, message: "Too many attempts from this network. Wait 15 minutes and try again." };
  }
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) return { fields: {}, message: error.message };
    console.error(`[link form] request ${meta.requestId}`, error);
    return { fields: {}, message: `Something went wrong on our side. (Reference ${meta.requestId})` };
  }
}

/** A new person accepts an invitation: validated, rate limited, then the account and membership in one go. */
export async function acceptInvitationAsNewUser(db: Db, meta: RequestMeta, input: Record<string, unknown>): Promise<LinkFormState> {
  const result = await guarded(db, meta, async () => {
    const parsed = acceptInvitationSchema.safeParse(input);
    if (!parsed.success) return { fields: fieldMessages(parsed.error) };
    const { token, name, password } = parsed.data;
    const { workspaceSlug, email } = await acceptInvitation(db, token, { newAccount: { name, password } });
    return { fields: {}, done: { email, password, next: `/${workspaceSlug}` } };
  });
  // Passwords are never sent back; the name is.
  return result.done ? result : { ...result, name: typeof input.name === "string" ? input.name.slice(0, 200) : "" };
}

export function acceptInvitationAsMember(db: Db, meta: RequestMeta, session: ActiveSession | null, token: string): Promise<LinkFormState> {
  return guarded(db, meta, async () => {
    if (!session) return { fields: {}, message: "Sign in first, then open the link again." };
    const { workspaceSlug, email } = await acceptInvitation(db, token.slice(0, 100), { userId: session.user.id });
    return { fields: {}, done: { email, next: `/${workspaceSlug}` } };
  });
}

export function resetPasswordWithLink(db: Db, meta: RequestMeta, input: Record<string, unknown>): Promise<LinkFormState> {
  return guarded(db, meta, async () => {
    const parsed = newPasswordSchema.safeParse(input);
    if (!parsed.success) return { fields: fieldMessages(parsed.error) };
    const { email } = await resetPassword(db, String(input.token ?? "").slice(0, 100), parsed.data.password, meta);
    return { fields: {}, done: { email, next: "/sign-in?reset=1" } };
  });
}
