import { routeHandler } from "@/lib/handlers/route-handler";
import { downloadEvidenceFile } from "@/lib/evidence/routes";

export const GET = routeHandler(downloadEvidenceFile);
