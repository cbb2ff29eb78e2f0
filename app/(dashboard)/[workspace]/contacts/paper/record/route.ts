import { routeHandler } from "@/lib/handlers/route-handler";
import { recordPaperForm } from "@/lib/channels/paper/actions";

export const POST = routeHandler(recordPaperForm);
