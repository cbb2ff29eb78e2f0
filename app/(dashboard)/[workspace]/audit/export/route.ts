import { routeHandler } from "@/lib/handlers/route-handler";
import { downloadAuditLog } from "@/lib/audit/routes";

export const GET = routeHandler(downloadAuditLog);
