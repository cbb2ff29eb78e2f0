import { routeHandler } from "@/lib/handlers/route-handler";
import { downloadEvents } from "@/lib/exports/routes";

export const GET = routeHandler(downloadEvents);
