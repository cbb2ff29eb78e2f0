import { routeHandler } from "@/lib/actions/route-handler";
import { downloadCertificate } from "@/lib/contacts/certificate-route";
export const GET = routeHandler(downloadCertificate);
