import { routeHandler } from "@/lib/actions/route-handler";
import { downloadEvidenceFile } from "@/lib/evidence/download-route";

export const GET = routeHandler(downloadEvidenceFile);
