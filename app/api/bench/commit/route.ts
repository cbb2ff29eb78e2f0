import { benchCommit } from "@/lib/server/bench-noop";

export const dynamic = "force-dynamic";

export const POST = benchCommit;
