import { createServiceApp } from "@mas/core/http/app";

export const app = createServiceApp("messaging");
export type AppType = typeof app;
