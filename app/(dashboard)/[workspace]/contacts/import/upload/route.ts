import { routeHandler } from "@/lib/handlers/route-handler";
import { uploadImport } from "@/lib/imports/routes";

export const POST = routeHandler(uploadImport);
