import { listEvents } from "@/lib/api/events";
import { apiRouteHandler } from "@/lib/api/route";

export const GET = apiRouteHandler(listEvents);
