import type { PersonalDataContributor } from "@mas/core/personal-data";
import { db } from "../entities";
import { deleteMessagesOf } from "./history";
import { findMember, removeMember } from "./audience-projection";

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
  {
    /** The marketing audience's copy of their facts (read model): gone with them. */
    name: "marketing-audience",
    export: async (userId) => {
      const member = await findMember(userId);
      return member ? [{ roles: member.roles ?? [], categories: member.categories ?? [], consents: member.consents ?? {}, unsubscribed: member.unsubscribed === true }] : [];
    },
    erase: async (userId) => {
      await removeMember(userId);
    },
  },
];
