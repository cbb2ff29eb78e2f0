import { routeHandler } from "@/lib/handlers/route-handler";
import { recordPaperForm } from "@/lib/channels/paper/routes";

export const POST = routeHandler(recordPaperForm);
