import type { PersonalDataContributor } from "@mas/core/personal-data";
import { db } from "../entities";
import { deleteMessagesOf } from "./history";

/**
 * Messaging's part of export and erasure: the history of mail sent to the user. The
 * unsubscribe record is kept on erasure (keyed by the address): forgetting that someone
 * opted out would let marketing reach them again if the address came back.
 */
export const messagingPersonalData: PersonalDataContributor[] = [
  {
    name: "messages",
    export: async (userId) => {
      const { data } = await db().entities.message.query.byRecipient({ userId }).go({ pages: "all" });
      return data.map(({ messageId, template, status, subjectLine, createdAt, sentAt, relatedType, relatedId }) => ({
        messageId,
        template,
        status,
        subject: subjectLine ?? null,
        createdAt,
        sentAt: sentAt ?? null,
        about: relatedType && relatedId ? `${relatedType}:${relatedId}` : null,
      }));
    },
    erase: async (userId) => {
      await deleteMessagesOf(userId);
    },
  },
];
