import { routeHandler } from "@/lib/actions/route-handler";
import { downloadImportErrors } from "@/lib/imports/routes";

export const GET = routeHandler(downloadImportErrors);
