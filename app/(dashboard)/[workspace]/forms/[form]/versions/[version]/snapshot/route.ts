import { routeHandler } from "@/lib/handlers/route-handler";
import { viewSnapshot } from "@/lib/forms/snapshot.routes";
export const GET = routeHandler(viewSnapshot);
