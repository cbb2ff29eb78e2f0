import { throttledBusyRoute } from "@/lib/consumer/throttled-route";

export const GET = throttledBusyRoute;
