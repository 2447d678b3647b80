import { describe, expect, it } from "vitest";
import { enrolmentRefusal, missingPrerequisites } from "./prerequisites";

const course = (extra: Partial<{ status: string; prerequisiteCourseIds: string[]; entryRequirement: string }> = {}) => ({
  status: "published",
  prerequisiteCourseIds: [] as string[],
  ...extra,
});

describe("enrolmentRefusal", () => {
  it.each([
    { name: "open course", course: course(), completed: [], evidence: undefined, expected: undefined },
    { name: "draft", course: course({ status: "draft" }), completed: [], evidence: undefined, expected: "not_published" },
    { name: "archived", course: course({ status: "archived" }), completed: [], evidence: undefined, expected: "not_published" },
    { name: "prerequisite missing", course: course({ prerequisiteCourseIds: ["found"] }), completed: [], evidence: undefined, expected: "prerequisites" },
    { name: "prerequisite done", course: course({ prerequisiteCourseIds: ["found"] }), completed: ["found"], evidence: undefined, expected: undefined },
    { name: "one of two done", course: course({ prerequisiteCourseIds: ["a", "b"] }), completed: ["a"], evidence: undefined, expected: "prerequisites" },
    { name: "entry requirement without evidence", course: course({ entryRequirement: "NMC PIN" }), completed: [], evidence: undefined, expected: "entry_evidence" },
    { name: "entry requirement with blank evidence", course: course({ entryRequirement: "NMC PIN" }), completed: [], evidence: "   ", expected: "entry_evidence" },
    { name: "entry requirement with evidence", course: course({ entryRequirement: "NMC PIN" }), completed: [], evidence: "12A3456E", expected: undefined },
    { name: "draft is reported before prerequisites", course: course({ status: "draft", prerequisiteCourseIds: ["a"] }), completed: [], evidence: undefined, expected: "not_published" },
  ])("$name → $expected", ({ course, completed, evidence, expected }) => {
    expect(enrolmentRefusal({ course, completedCourseIds: new Set(completed), entryEvidence: evidence })).toBe(expected);
  });

  it("lists exactly the missing prerequisites", () => {
    expect(missingPrerequisites(course({ prerequisiteCourseIds: ["a", "b", "c"] }), new Set(["b"]))).toEqual(["a", "c"]);
  });
});
