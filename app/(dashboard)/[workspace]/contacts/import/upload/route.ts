import { routeHandler } from "@/lib/actions/route-handler";
import { uploadImport } from "@/lib/imports/routes";

export const POST = routeHandler(uploadImport);
