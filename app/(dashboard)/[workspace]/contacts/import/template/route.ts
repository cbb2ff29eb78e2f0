import { routeHandler } from "@/lib/handlers/route-handler";
import { downloadImportTemplate } from "@/lib/imports/routes";

export const GET = routeHandler(downloadImportTemplate);
