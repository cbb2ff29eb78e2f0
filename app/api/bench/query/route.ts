import { benchQuery } from "@/lib/server/bench-noop";

export const dynamic = "force-dynamic";

export const GET = benchQuery;
