import { exportOf } from "@mas/core/personal-data";
import { documentsPersonalData } from "./domain/personal-data";

/** What other services may read of documents' data (never write): a user's part of their data export. */
export const personalDataOf = (userId: string) => exportOf(documentsPersonalData, userId);
