import { describe, expect, it } from "vitest";
import { webVttProblem } from "./captions";

const cue = "00:00:01.000 --> 00:00:04.000\nWelcome to the course.\n";

describe("webVttProblem", () => {
  it.each([
    ["a plain file", `WEBVTT\n\n${cue}`],
    ["a header with a title", `WEBVTT - Anti-wrinkle module 1\n\n${cue}`],
    ["a byte-order mark", `\uFEFFWEBVTT\n\n${cue}`],
    ["Windows line ends", `WEBVTT\r\n\r\n${cue.replace(/\n/g, "\r\n")}`],
    ["hours in the timing", "WEBVTT\n\n01:02:03.000 --> 01:02:05.500 align:start\nLater on.\n"],
    ["a cue identifier", `WEBVTT\n\nintro\n${cue}`],
  ])("accepts %s", (_, text) => expect(webVttProblem(text)).toBeUndefined());

  it.each([
    ["an SRT file", "1\n00:00:01,000 --> 00:00:04,000\nWelcome\n", /starts with the line WEBVTT/],
    ["WEBVTT glued to more text", `WEBVTTX\n\n${cue}`, /starts with the line WEBVTT/],
    ["a signature not on the first line", `\nWEBVTT\n\n${cue}`, /starts with the line WEBVTT/],
    ["no cues", "WEBVTT\n\nNOTE nothing here\n", /no cues/],
    ["comma decimals", "WEBVTT\n\n00:00:01,000 --> 00:00:04,000\nWelcome\n", /no cues/],
    ["an empty file", "", /starts with the line WEBVTT/],
  ])("refuses %s", (_, text, reason) => expect(webVttProblem(text)).toMatch(reason));
});
