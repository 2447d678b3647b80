/**
 * What the site reads from and sends to the services, derived from the routes' own types
 * (through the typed client) rather than written out again here: change a route's answer
 * and every page using it stops type-checking (`astro check`).
 */
import type { InferRequestType, InferResponseType } from "hono/client";
import type { api } from "./client";

type Api = ReturnType<typeof api>;
type Booking = Api["booking"];

export type SignedInUser = InferResponseType<Api["accounts"]["me"]["$get"], 200>["user"];

/** A treatment as the menu shows it, with the deposit the booking service works out (`depositInPence`). */
export type PublicService = InferResponseType<Booking["services"]["$get"], 200>["services"][number];
export type PublicSettings = InferResponseType<Booking["settings"]["public"]["$get"], 200>;
export type BookingPolicy = PublicSettings["policy"];
/** The clinic's public identity (name, address, phone, email, practitioner), as the owner saved it. */
export type BusinessProfile = InferResponseType<Booking["business"]["$get"], 200>["business"];
export type Slot = InferResponseType<Booking["availability"]["$get"], 200>["slots"][number];
/** What a treatment needs first (age, patch test, consultation) and what to book for it. */
export type ServiceRequirements = InferResponseType<Booking["services"][":slug"]["$get"], 200>["requirements"];
/** What cancelling would cost if a time were booked now (shown on the confirm step). */
export type BookingTerms = InferResponseType<Booking["booking-terms"]["$get"], 200>;
export type Appointment = InferResponseType<Booking["appointments"][":id"]["$get"], 200>["appointment"];
export type AppointmentStatus = Appointment["status"];
export type CancellationQuote = InferResponseType<Booking["appointments"][":id"]["cancellation"]["$get"], 200>["cancellation"];
export type WaitlistEntry = InferResponseType<Booking["waitlist"]["mine"]["$get"], 200>["entries"][number];
export type TreatmentRecord = InferResponseType<Booking["me"]["treatments"]["$get"], 200>["treatments"][number];
export type Profile = InferResponseType<Booking["me"]["profile"]["$get"], 200>["profile"];
export type ProfileInput = InferRequestType<Booking["me"]["profile"]["$put"]>["json"];

/** The medical questionnaire as booking validates it (its `MedicalInput` zod schema's input). */
export type MedicalInput = InferRequestType<Booking["me"]["medical"]["$post"]>["json"];
export type MedicalAnswers = MedicalInput["answers"];
export type MedicalVersion = NonNullable<InferResponseType<Booking["me"]["medical"]["$get"], 200>["current"]>;

export type PaymentKind = InferRequestType<Api["payments"]["intents"]["$post"]>["json"]["kind"];
export type DepositPayment = InferResponseType<Api["payments"]["intents"]["$post"], 201 | 200>;
export type Receipt = InferResponseType<Api["payments"]["me"]["payments"][":paymentId"]["$get"], 200>["payment"];
export type Message = InferResponseType<Api["messaging"]["me"]["messages"]["$get"], 200>["messages"][number];
