import { routeHandler } from "@/lib/actions/route-handler";
import { recordPaperForm } from "@/lib/paper/record";

export const POST = routeHandler(recordPaperForm);
