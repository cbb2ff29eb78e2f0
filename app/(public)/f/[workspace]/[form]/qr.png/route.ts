import { formQrRoute } from "@/lib/forms/qr-route";

export const GET = formQrRoute("png");
