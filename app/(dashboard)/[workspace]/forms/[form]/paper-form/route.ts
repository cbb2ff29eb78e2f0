import { routeHandler } from "@/lib/handlers/route-handler";
import { downloadPaperForm } from "@/lib/forms/print.routes";
export const GET = routeHandler(downloadPaperForm);
