import { verifyWorkspaceLedger } from "@/lib/api/ledger-verify";
import { apiRouteHandler } from "@/lib/api/route";

export const GET = apiRouteHandler(verifyWorkspaceLedger);
