/**
 * Every fixed port the e2e suites listen on goes through here. E2E_PORT_OFFSET moves them all at once, so two
 * checkouts on one machine (two developers, two worktrees) can run the suites side by side.
 */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
if (!Number.isInteger(offset) || offset < 0 || offset > 50_000) throw new Error("E2E_PORT_OFFSET must be a whole number from 0 to 50000");

export const e2ePort = (port: number): number => port + offset;
