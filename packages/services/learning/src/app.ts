import { createServiceApp } from "@mas/core/http/app";

export const app = createServiceApp("learning");
export type AppType = typeof app;
