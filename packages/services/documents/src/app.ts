import { createServiceApp } from "@mas/core/http/app";

export const app = createServiceApp("documents");
export type AppType = typeof app;
