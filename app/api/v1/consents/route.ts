import { recordConsent } from "@/lib/api/consents";
import { apiRouteHandler } from "@/lib/api/route";

export const POST = apiRouteHandler(recordConsent);
