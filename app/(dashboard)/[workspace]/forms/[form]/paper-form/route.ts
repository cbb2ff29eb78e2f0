import { routeHandler } from "@/lib/actions/route-handler";
import { downloadPaperForm } from "@/lib/forms/print-route";
export const GET = routeHandler(downloadPaperForm);
