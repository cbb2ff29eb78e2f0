import { routeHandler } from "@/lib/actions/route-handler";
import { downloadImportTemplate } from "@/lib/imports/routes";

export const GET = routeHandler(downloadImportTemplate);
