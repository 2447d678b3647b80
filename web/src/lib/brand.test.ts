import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BRAND_COLOURS, BRAND_CSS_TOKENS } from "@mas/core/brand";

/** The site's stylesheet and the mails share one palette: core's BRAND_COLOURS. */
describe("brand colours", () => {
  const css = readFileSync(new URL("../styles/global.css", import.meta.url), "utf8");
  it.each(Object.entries(BRAND_CSS_TOKENS))("%s is %s in global.css", (name, token) => {
    const value = new RegExp(`${token}:\\s*(#[0-9a-f]{3,8})\\s*;`, "i").exec(css)?.[1];
    expect(value?.toLowerCase(), token).toBe(BRAND_COLOURS[name as keyof typeof BRAND_COLOURS]);
  });
});
