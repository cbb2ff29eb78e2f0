import { routeHandler } from "@/lib/handlers/route-handler";
import { downloadCertificate } from "@/lib/contacts/certificate.routes";
export const GET = routeHandler(downloadCertificate);
