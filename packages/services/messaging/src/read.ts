import { exportOf } from "@mas/core/personal-data";
import { messagingPersonalData } from "./domain/personal-data";

/** What other services may read of messaging's data (never write): a user's part of their data export. */
export const personalDataOf = (userId: string) => exportOf(messagingPersonalData, userId);
