import { describe, expect, it } from "vitest";
import { NO_SCRIPT_MAX_BYTES, NO_SCRIPT_TOO_LARGE, normalisedType, parseTicketRequest, ticketRequest, tooLargeWithoutScript } from "./direct-upload";

describe("direct uploads: what goes through the site's server without JavaScript", () => {
  it("is at most 4 MB, under Lambda's cap for a form (6 MB of payload, the form base64-encoded: 4.5 MB) with room for the rest of it", () => {
    expect(NO_SCRIPT_MAX_BYTES).toBe(4_194_304);
    expect(NO_SCRIPT_MAX_BYTES).toBeLessThan((6 * 1024 * 1024 * 3) / 4 - 64 * 1024);
    expect(tooLargeWithoutScript({ size: NO_SCRIPT_MAX_BYTES })).toBe(false);
    expect(tooLargeWithoutScript({ size: NO_SCRIPT_MAX_BYTES + 1 })).toBe(true);
    expect(NO_SCRIPT_TOO_LARGE).toContain("larger than 4 MB: turn on JavaScript or choose a smaller file");
  });
});

describe("direct uploads: the ticket request a form sends", () => {
  it("joins the form's fixed parameters, its mapped fields (empty ones left out) and the file's type and size", () => {
    const body = ticketRequest("client-photo", { clientId: "c1" }, { label: "ph_label", treatmentId: "ph_treatment" }, { intent: "photo", ph_label: "after", ph_treatment: " " }, { type: "image/jpg", size: 7_000_000 });
    expect(body).toEqual({ kind: "client-photo", clientId: "c1", label: "after", contentType: "image/jpeg", size: 7_000_000 });
  });

  it("names image types as the services do", () => {
    expect(normalisedType("image/pjpeg")).toBe("image/jpeg");
    expect(normalisedType("application/pdf")).toBe("application/pdf");
  });
});

describe("direct uploads: the site's check of a ticket request", () => {
  it("reads a client photo request, with the label defaulting to other", () => {
    expect(parseTicketRequest({ kind: "client-photo", clientId: "c1", contentType: "image/jpeg", size: 10, treatmentId: "t1" })).toEqual({
      ok: true,
      kind: "client-photo",
      json: { clientId: "c1", contentType: "image/jpeg", size: 10, label: "other", treatmentId: "t1" },
    });
  });

  it("reads an entry proof and a media request", () => {
    expect(parseTicketRequest({ kind: "entry-proof", enrollmentId: "e1", contentType: "application/pdf", size: 5 })).toMatchObject({ ok: true, json: { enrollmentId: "e1" } });
    expect(parseTicketRequest({ kind: "media", purpose: "logo", contentType: "image/png", size: 5 })).toMatchObject({ ok: true, json: { purpose: "logo" } });
  });

  it("refuses what is not one, naming each field", () => {
    const bad = parseTicketRequest({ kind: "client-photo", contentType: "", size: -1 });
    expect(bad).toEqual({ ok: false, message: expect.any(String), fields: { contentType: "Choose a file", size: "Expected the file's size in bytes", clientId: "Required" } });
    expect(parseTicketRequest(undefined)).toMatchObject({ ok: false, fields: { kind: expect.stringContaining("client-photo") } });
    expect(parseTicketRequest({ kind: "media", purpose: "banner", contentType: "image/png", size: 1 })).toMatchObject({ ok: false, fields: { purpose: expect.any(String) } });
  });
});
