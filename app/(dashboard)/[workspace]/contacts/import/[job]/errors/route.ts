import { routeHandler } from "@/lib/handlers/route-handler";
import { downloadImportErrors } from "@/lib/imports/routes";

export const GET = routeHandler(downloadImportErrors);
