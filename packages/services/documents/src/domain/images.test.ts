import { describe, expect, it } from "vitest";
import { pngOf } from "../../test/png";
import { detectType, parseSignaturePng, SIGNATURE_MAX_BYTES, uploadRefusal } from "./images";

const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString("base64")}`;

describe("detectType", () => {
  it.each([
    ["PNG", pngOf(60, 60), "image/png"],
    ["JPEG", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "image/jpeg"],
    ["WebP", Buffer.from("RIFF\x10\x00\x00\x00WEBPVP8 ", "latin1"), "image/webp"],
    ["PDF", Buffer.from("%PDF-1.7\n"), "application/pdf"],
    ["a Windows executable renamed .jpg", Buffer.from("MZ\x90\x00\x03\x00", "latin1"), undefined],
    ["RIFF that is not WebP (a WAV)", Buffer.from("RIFF\x10\x00\x00\x00WAVEfmt ", "latin1"), undefined],
    ["nothing", Buffer.alloc(0), undefined],
  ])("%s", (_, bytes, expected) => expect(detectType(new Uint8Array(bytes))).toBe(expected));
});

describe("parseSignaturePng", () => {
  it("accepts a canvas-sized PNG and reads its size", () => {
    expect(parseSignaturePng(dataUrl(pngOf(600, 200)))).toMatchObject({ width: 600, height: 200 });
  });

  it.each([
    ["a JPEG data URL", "data:image/jpeg;base64,/9j/4AAQ", "not_data_url"],
    ["a plain string", "Amelia", "not_data_url"],
    ["an empty drawing", "data:image/png;base64,", "empty"],
    ["broken base64", "data:image/png;base64,@@@@", "not_base64"],
    ["base64 of non-PNG bytes", `data:image/png;base64,${Buffer.from("MZ not a png at all, really").toString("base64")}`, "not_png"],
    ["a PNG 1 pixel high", dataUrl(pngOf(600, 1)), "bad_dimensions"],
    ["a PNG 5000 pixels wide", dataUrl(pngOf(5000, 60)), "bad_dimensions"],
    ["more than the size limit", `data:image/png;base64,${"A".repeat(Math.ceil(((SIGNATURE_MAX_BYTES + 10) * 4) / 3 / 4) * 4)}`, "too_large"],
  ])("refuses %s", (_, given, problem) => expect(parseSignaturePng(given)).toEqual({ problem }));
});

describe("uploadRefusal (checked after the upload)", () => {
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
  it.each([
    ["the declared JPEG", { size: 1000, head: jpeg }, undefined],
    ["nothing uploaded", { size: undefined, head: new Uint8Array() }, "missing"],
    ["a different size than declared", { size: 999, head: jpeg }, "size_mismatch"],
    ["over the cap", { size: 16 * 1024 * 1024, head: jpeg }, "too_large"],
    ["an .exe with the declared size", { size: 1000, head: new Uint8Array([0x4d, 0x5a, 0x90, 0]) }, "wrong_type"],
    ["a PNG declared as JPEG", { size: 1000, head: new Uint8Array(pngOf(60, 60)) }, "wrong_type"],
  ] as const)("%s", (_, actual, expected) => expect(uploadRefusal({ contentType: "image/jpeg", size: 1000 }, actual)).toBe(expected));
});
