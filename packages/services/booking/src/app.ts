import { createServiceApp } from "@mas/core/http/app";

export const app = createServiceApp("booking");
export type AppType = typeof app;
