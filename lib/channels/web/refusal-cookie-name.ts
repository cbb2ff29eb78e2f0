/**
 * The refusal cookie's name and attributes, apart from its sealing (refusal-cookie.ts), so proxy.ts can clear it
 * without loading the app's secrets.
 *
 * A hosted form may be framed by other sites (lib/forms/frame-ancestors.ts). Inside such a frame this cookie is a
 * third-party one: SameSite=Lax or Strict would never be sent back, so over HTTPS it is SameSite=None; Secure, and
 * Partitioned (CHIPS), so a browser that blocks third-party cookies still keeps it in that one site's frame. A
 * browser that drops it anyway shows the form with a plain "not recorded" note (see the page), never a silent
 * blank form. Over plain HTTP (a local run) Secure cannot be set, so it is Lax: fine for a top-level page.
 */
export const refusalCookieName = "assent-form-refusal";

/** The query's `notice` on the redirect back: the page says nothing was recorded even if the cookie was dropped. */
export const refusedNotice = "refused";

export function refusalCookieAttributes(formPath: string, https: boolean, maxAgeSeconds: number): string {
  const site = https ? "Secure; SameSite=None; Partitioned" : "SameSite=Lax";
  return `Path=${formPath}; Max-Age=${maxAgeSeconds}; HttpOnly; ${site}`;
}

/** The Set-Cookie header that removes the cookie (same path and partition, or the browser keeps the original). */
export function clearedRefusalCookie(formPath: string, https: boolean): string {
  return `${refusalCookieName}=; ${refusalCookieAttributes(formPath, https, 0)}`;
}

/** Whether the browser reached the app over HTTPS: directly, or through the reverse proxy in front of it. */
export function cameOverHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
