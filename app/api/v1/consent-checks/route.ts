import { checkMany, checkOne } from "@/lib/api/consent-checks";
import { apiRouteHandler } from "@/lib/api/route";

export const GET = apiRouteHandler(checkOne);
export const POST = apiRouteHandler(checkMany);
