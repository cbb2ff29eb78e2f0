import "server-only";
import { openSecret, sealSecret } from "../../webhooks/secret-seal";
import type { OptInFormState } from "./opt-in.validation";
import { refusalCookieAttributes, refusalCookieName } from "./refusal-cookie-name";

/**
 * A hosted form posted without JavaScript and refused (a wrong number, nothing ticked) goes back to its page by
 * post/redirect/get: the refusal, with what the person typed, travels in this cookie, which the page reads and
 * proxy.ts clears on the same request (refusal-cookie-name.ts), so a reload shows a clean form.
 * It holds a phone number and a name, so it is sealed (AES-256-GCM under a key derived from AUTH_SECRET),
 * HttpOnly, scoped to the one form's path, and lives two minutes.
 */

const lifetimeSeconds = 120;
/** Browsers keep cookies of up to 4,096 bytes; past this the typed values are left out and only the errors go. */
const maxValueLength = 3800;

type Sealed = { path: string; expires: number; state: OptInFormState };

/** The Set-Cookie header carrying `state` back to the form at `formPath`. */
export function refusalCookie(formPath: string, state: OptInFormState, https: boolean, now = Date.now()): string {
  const seal = (s: OptInFormState) =>
    sealSecret(JSON.stringify({ path: formPath, expires: now + lifetimeSeconds * 1000, state: s } satisfies Sealed), "hosted-form-refusal");
  // A bot's fifty long category keys must not make the cookie too large to be kept: the errors matter most.
  let value = seal(state);
  if (value.length > maxValueLength) value = seal({ ...state, values: { phone: "", country: state.values.country.slice(0, 2), name: "", categories: [] } });
  return `${refusalCookieName}=${value}; ${refusalCookieAttributes(formPath, https, lifetimeSeconds)}`;
}

/** The refusal the cookie carries for the form at `formPath`, or null: absent, tampered with, another form's or expired. */
export function readRefusalCookie(value: string | undefined, formPath: string, now = Date.now()): OptInFormState | null {
  if (!value) return null;
  let sealed: Sealed;
  try {
    sealed = JSON.parse(openSecret(value, "hosted-form-refusal")) as Sealed;
  } catch {
    return null;
  }
  if (sealed.path !== formPath || typeof sealed.expires !== "number" || sealed.expires < now) return null;
  return sealed.state;
}
