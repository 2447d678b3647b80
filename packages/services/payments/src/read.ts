import { exportOf } from "@mas/core/personal-data";
import { paymentsPersonalData } from "./domain/personal-data";

/** What other services may read of payments' data (never write): a user's part of their data export. */
export const personalDataOf = (userId: string) => exportOf(paymentsPersonalData, userId);
