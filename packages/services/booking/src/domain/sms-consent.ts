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
