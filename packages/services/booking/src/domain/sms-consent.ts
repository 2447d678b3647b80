import type { EventData } from "@mas/core/events/catalogue";
import { profileOf, saveProfile } from "./client-records";

/**
 * A STOP reply to one of the clinic's texts (messaging's `sms.opted_out`) withdraws both
 * text consents of everyone texted at that number, as of the time of the STOP. A consent
 * given again *after* the STOP (the client turned texts back on in the portal) is newer
 * and stays: a late or repeated event never undoes it.
 */
export async function withdrawSmsConsents(data: EventData<"sms.opted_out">): Promise<void> {
  const at = new Date(data.optedOutAt);
  for (const userId of data.userIds) {
    const { consents } = await profileOf(userId);
    const withdraw = (["sms", "marketingSms"] as const).filter((name) => {
      const current = consents[name];
      return current?.granted === true && Date.parse(current.at) <= at.getTime();
    });
    if (withdraw.length) await saveProfile(userId, { consents: Object.fromEntries(withdraw.map((name) => [name, false])) }, at);
  }
}

/**
 * A START reply from a number that had opted out (messaging's `sms.opted_in`) restores the
 * appointment-texts consent of everyone texted at that number, as of the START — unless it
 * is already on or was changed after the START (a newer choice in the portal stands). Offers
 * by text and the 2-hour text are not switched on by it: they are the client's own choices
 * (the 2-hour text keeps whatever it was, and counts again now that texts are on).
 */
export async function restoreSmsConsent(data: EventData<"sms.opted_in">): Promise<void> {
  const at = new Date(data.optedInAt);
  for (const userId of data.userIds) {
    const current = (await profileOf(userId)).consents.sms;
    if (current?.granted === true || (current && Date.parse(current.at) > at.getTime())) continue;
    await saveProfile(userId, { consents: { sms: true } }, at);
  }
}
