import { routeHandler } from "@/lib/actions/route-handler";
import { downloadFormPoster } from "@/lib/forms/print-route";
export const GET = routeHandler(downloadFormPoster);
