import { routeHandler } from "@/lib/handlers/route-handler";
import { downloadLedgerProof } from "@/lib/exports/routes";

export const GET = routeHandler(downloadLedgerProof);
