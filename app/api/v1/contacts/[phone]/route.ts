import { getContact } from "@/lib/api/contacts";
import { apiRouteHandler } from "@/lib/api/route";

export const GET = apiRouteHandler(getContact);
