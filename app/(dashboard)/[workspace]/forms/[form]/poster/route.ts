import { routeHandler } from "@/lib/handlers/route-handler";
import { downloadFormPoster } from "@/lib/forms/print.routes";
export const GET = routeHandler(downloadFormPoster);
