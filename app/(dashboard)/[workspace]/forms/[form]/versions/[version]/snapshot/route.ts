import { routeHandler } from "@/lib/actions/route-handler";
import { viewSnapshot } from "@/lib/forms/snapshot-route";
export const GET = routeHandler(viewSnapshot);
