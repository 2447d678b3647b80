/**
 * The clinic's colours, one definition for everything that is not the site's stylesheet:
 * the mail layout (messaging) and anything else drawn outside the browser. The site's
 * design tokens in web/src/styles/global.css carry the same values (`--accent`, `--ink`…);
 * web/src/lib/brand.test.ts fails if the two drift apart.
 *
 * Every pair used for text meets WCAG AA: ink on paper 15.9:1, ink-soft on paper 8.6:1,
 * accent on paper 6.9:1, white on accent 7.4:1.
 *
 * Deliberately dependency-free: the web bundle imports it too.
 */
export const BRAND_COLOURS = {
  ink: "#1f1d1a",
  inkSoft: "#4a4540",
  paper: "#faf7f2",
  surface: "#ffffff",
  sand: "#f1eadf",
  accent: "#7a4f3a",
  accentStrong: "#5e3b2b",
  line: "#e4ddd3",
} as const;

/** The CSS custom property in the site's stylesheet that holds each colour. */
export const BRAND_CSS_TOKENS: Record<keyof typeof BRAND_COLOURS, string> = {
  ink: "--ink",
  inkSoft: "--ink-soft",
  paper: "--paper",
  surface: "--surface",
  sand: "--sand",
  accent: "--accent",
  accentStrong: "--accent-strong",
  line: "--line",
};
