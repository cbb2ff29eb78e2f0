export { GET, POST } from "@/lib/auth/auth-routes";
