import "server-only";
import type { NextRequest } from "next/server";
import { env } from "../env";
import { handlers } from "./auth-config";

/**
 * The request as the browser addressed it. Next.js gives route handlers a URL on the server's own host name
 * (http://localhost:PORT) whatever the Host header says, while Auth.js's sign-in server action builds its
 * URLs from X-Forwarded-Host or Host (which Next.js fills in). Left alone, the redirect URI sent to the identity
 * provider and the one sent again to exchange the code differ, the provider refuses the exchange
 * (invalid_grant), and every redirect from these routes points at localhost. A forged Host gains nothing:
 * the provider only returns to redirect URIs registered with it.
 */
async function asAddressed(req: NextRequest): Promise<NextRequest> {
  // With AUTH_URL, Auth.js puts that address on both sides itself.
  if (env().AUTH_URL) return req;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!host) return req;
  // The same fallback as the server action's (Auth.js createActionURL).
  const proto = req.headers.get("x-forwarded-proto") ?? "https";
  let url: URL;
  try {
    const { pathname, search } = new URL(req.url);
    url = new URL(pathname + search, `${proto.split(",")[0]!.trim().replace(/:$/, "")}://${host.split(",")[0]!.trim()}`);
  } catch {
    return req;
  }
  const body = req.method === "POST" ? await req.arrayBuffer() : undefined;
  // A plain Request, because NextRequest turns 127.0.0.1 into localhost; without AUTH_URL, Auth.js reads no
  // more than a Request has.
  return new Request(url, { method: req.method, headers: req.headers, body, signal: req.signal }) as NextRequest;
}

export const GET = async (req: NextRequest) => handlers.GET(await asAddressed(req));
export const POST = async (req: NextRequest) => handlers.POST(await asAddressed(req));
