import { createServiceApp } from "@mas/core/http/app";
import { authenticate, protectMutations } from "@mas/core/http/auth";
import { adminDashboardRoutes } from "./routes/admin-dashboard";
import { adminDiaryRoutes } from "./routes/admin-diary";
import { appointmentRoutes } from "./routes/appointments";
import { businessRoutes } from "./routes/business";
import { mediaRoutes } from "./routes/media";
import { ownerAlertRoutes } from "./routes/owner-alerts";
import { availabilityRoutes } from "./routes/availability";
import { catalogueRoutes } from "./routes/catalogue";
import { clientRoutes } from "./routes/clients";
import { diaryRoutes } from "./routes/diary";
import { meRoutes } from "./routes/me";
import { reviewRoutes } from "./routes/reviews";
import { settingsRoutes } from "./routes/settings";
import { waitlistRoutes } from "./routes/waitlist";
import { resolveSession } from "@mas/accounts/read";
import { useSessionResolver } from "@mas/core/http/auth";

/**
 * Booking: the treatment menu, availability, appointments, the waitlist and clients'
 * records, under /api/booking. Every mutation is CSRF-checked; owner routes are under
 * /admin. The logic lives in @mas/core/booking.
 */
useSessionResolver(resolveSession);

export const app = createServiceApp("booking")
  .use(protectMutations(), authenticate())
  .route("/", settingsRoutes)
  .route("/", businessRoutes)
  .route("/", mediaRoutes)
  .route("/", ownerAlertRoutes)
  .route("/", catalogueRoutes)
  .route("/", availabilityRoutes)
  .route("/", appointmentRoutes)
  .route("/", reviewRoutes)
  .route("/", waitlistRoutes)
  .route("/", meRoutes)
  .route("/", adminDashboardRoutes)
  .route("/", adminDiaryRoutes)
  .route("/", diaryRoutes)
  .route("/", clientRoutes);

export type AppType = typeof app;
