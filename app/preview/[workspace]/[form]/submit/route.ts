import { routeHandler } from "@/lib/handlers/route-handler";
import { submitFormPreview } from "@/lib/forms/preview.routes";
export const POST = routeHandler(submitFormPreview);
