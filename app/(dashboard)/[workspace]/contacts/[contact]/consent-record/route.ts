import { routeHandler } from "@/lib/handlers/route-handler";
import { downloadConsentRecord } from "@/lib/contacts/certificate.routes";
export const GET = routeHandler(downloadConsentRecord);
