import { createServiceApp } from "@mas/core/http/app";

export const app = createServiceApp("accounts");
export type AppType = typeof app;
