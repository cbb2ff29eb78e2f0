import { exportLedgerEvents } from "@/lib/api/exports";
import { apiRouteHandler } from "@/lib/api/route";

export const GET = apiRouteHandler(exportLedgerEvents);
