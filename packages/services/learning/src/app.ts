import { resolveSession } from "@mas/accounts/read";
import { createServiceApp } from "@mas/core/http/app";
import { authenticate, protectMutations, useSessionResolver } from "@mas/core/http/auth";
import { adminCourseRoutes } from "./routes/admin-courses";
import { adminLearningRoutes } from "./routes/admin-learning";
import { attemptRoutes } from "./routes/attempts";
import { publicRoutes } from "./routes/public";
import { studentRoutes } from "./routes/student";

/**
 * Learning: the academy's catalogue, enrolment, progress, assessments and certificates,
 * under /api/learning. Every mutation is CSRF-checked; owner routes are under /admin.
 */
useSessionResolver(resolveSession);

export const app = createServiceApp("learning")
  .use(protectMutations(), authenticate())
  .route("/", publicRoutes)
  .route("/", studentRoutes)
  .route("/", attemptRoutes)
  .route("/", adminCourseRoutes)
  .route("/", adminLearningRoutes);

export type AppType = typeof app;
