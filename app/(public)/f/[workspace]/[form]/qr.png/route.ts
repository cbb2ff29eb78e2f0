import { formQrRoute } from "@/lib/forms/qr.routes";

export const GET = formQrRoute("png");
