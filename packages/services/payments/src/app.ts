import { createServiceApp } from "@mas/core/http/app";

export const app = createServiceApp("payments");
export type AppType = typeof app;
