import { cspNonce } from "@/lib/public-pages/csp-nonce";
import type { FormTheme } from "@/lib/db/schema/form-content";

/**
 * Sets the page's colours as CSS custom properties in a <style> element that carries the request's CSP nonce:
 * a style="" attribute would be refused by a nonce-based style-src, a nonce'd element is not. The values are
 * plain #rrggbb (lib/forms/theme.ts), so they cannot break out of the rule.
 */
export async function ThemeStyle({ theme }: { theme: FormTheme }) {
  const nonce = await cspNonce();
  return <style nonce={nonce}>{`:root{--form-accent:${theme.accent};--form-bg:${theme.background}}`}</style>;
}
