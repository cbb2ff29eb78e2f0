import { throttledBusyRoute } from "@/lib/public-pages/throttled-route";

export const GET = throttledBusyRoute;
