export const roles = ["owner", "admin", "marketer", "compliance", "viewer"] as const;
export type Role = (typeof roles)[number];

/** Each role as the dashboard names it. */
export const roleLabels: Record<Role, string> = { owner: "Owner", admin: "Admin", marketer: "Marketer", compliance: "Compliance", viewer: "Viewer" };
