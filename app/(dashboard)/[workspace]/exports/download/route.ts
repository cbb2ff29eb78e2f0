import { routeHandler } from "@/lib/actions/route-handler";
import { downloadEvents } from "@/lib/exports/export-route";

export const GET = routeHandler(downloadEvents);
