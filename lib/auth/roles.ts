export const roles = ["owner", "admin", "marketer", "compliance", "viewer"] as const;
export type Role = (typeof roles)[number];
