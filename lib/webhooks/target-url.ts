/**
 * What any endpoint URL must be, whatever the network policy: checked in the browser for instant feedback and
 * again on the server, which then adds the network rules in target-guard.ts.
 */
export function endpointUrlSyntaxProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, starting with https://";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an https:// URL.";
  if (url.username || url.password) return "Remove the user name and password from the URL: deliveries are signed instead, so the receiver can check them.";
  if (url.hash) return "Remove the #fragment: it is never sent to the server.";
  return null;
}
