import "server-only";
import { publicBaseUrl } from "../server/urls";

/** The hosted page's address as people type or scan it: on APP_URL, so QR codes and snippets point at the public host. */
export function formPublicUrl(workspaceSlug: string, formSlug: string): string {
  return `${publicBaseUrl()}/f/${encodeURIComponent(workspaceSlug)}/${encodeURIComponent(formSlug)}`;
}
