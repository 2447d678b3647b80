import { Hono } from "hono";
import * as z from "zod";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { CohortChanges, CohortInput, cohortsOf, cohortView, createCohort, updateCohort } from "../domain/cohorts";
import { CourseChanges, CourseInput, createCourse, listCourses, requireCourse, setCourseStatus, updateCourse } from "../domain/courses";
import {
  addLesson,
  addModule,
  deleteLesson,
  deleteModule,
  LessonChanges,
  LessonInput,
  loadCurriculum,
  ModuleInput,
  moveLesson,
  renameModule,
  reorderLessons,
  reorderModules,
  MAX_ORDERED,
  updateLesson,
} from "../domain/curriculum";
import { CAPTIONS_MAX_BYTES, CaptionsInput, removeLessonCaptions, setLessonCaptions } from "../domain/captions";
import { interestsIn } from "../domain/interest";
import { id, idParam } from "./params";

/** The practitioner's course builder: courses and their status, cohorts with practical sessions, and the curriculum. */
const courseParam = z.object({ courseId: id });
const moduleParam = courseParam.extend({ moduleId: id });
const lessonParam = courseParam.extend({ lessonId: id });
const order = z.strictObject({ order: z.array(id).min(1).max(MAX_ORDERED, `Order at most ${MAX_ORDERED} items at once`) });

export const adminCourseRoutes = new Hono<AuthEnv>()
  .use("/admin/*", requireRole("owner"))
  .get("/admin/courses", async (c) => c.json({ courses: await listCourses() }, 200))
  .post("/admin/courses", validate("json", CourseInput, { maxBytes: 256 * 1024 }), async (c) => c.json({ course: await createCourse(c.req.valid("json"), clock.now()) }, 201))
  .get("/admin/courses/:courseId", validate("param", courseParam), async (c) => {
    const { courseId } = c.req.valid("param");
    const [course, curriculum, cohorts, interests] = await Promise.all([requireCourse(courseId), loadCurriculum(courseId), cohortsOf(courseId), interestsIn(courseId)]);
    return c.json({ course, modules: curriculum.modules, cohorts: cohorts.map(cohortView), interestCount: interests.length }, 200);
  })
  .patch("/admin/courses/:courseId", validate("param", courseParam), validate("json", CourseChanges, { maxBytes: 256 * 1024 }), async (c) =>
    c.json({ course: await updateCourse(c.req.valid("param").courseId, c.req.valid("json"), clock.now()) }, 200),
  )
  .post("/admin/courses/:courseId/status", validate("param", courseParam), validate("json", z.strictObject({ status: z.enum(["draft", "published", "archived"]) })), async (c) =>
    c.json({ course: await setCourseStatus(c.req.valid("param").courseId, c.req.valid("json").status, clock.now()) }, 200),
  )
  .post("/admin/courses/:courseId/cohorts", validate("param", courseParam), validate("json", CohortInput), async (c) =>
    c.json({ cohort: cohortView(await createCohort(c.req.valid("param").courseId, c.req.valid("json"), clock.now())) }, 201),
  )
  .patch("/admin/cohorts/:id", validate("param", idParam), validate("json", CohortChanges), async (c) =>
    c.json({ cohort: cohortView(await updateCohort(c.req.valid("param").id, c.req.valid("json"), clock.now())) }, 200),
  )
  .post("/admin/courses/:courseId/modules", validate("param", courseParam), validate("json", ModuleInput), async (c) =>
    c.json({ module: await addModule(c.req.valid("param").courseId, c.req.valid("json")) }, 201),
  )
  .put("/admin/courses/:courseId/modules/order", validate("param", courseParam), validate("json", order), async (c) => {
    await reorderModules(c.req.valid("param").courseId, c.req.valid("json").order);
    return c.body(null, 204);
  })
  .patch("/admin/courses/:courseId/modules/:moduleId", validate("param", moduleParam), validate("json", ModuleInput), async (c) => {
    const { courseId, moduleId } = c.req.valid("param");
    await renameModule(courseId, moduleId, c.req.valid("json"));
    return c.body(null, 204);
  })
  .delete("/admin/courses/:courseId/modules/:moduleId", validate("param", moduleParam), async (c) => {
    const { courseId, moduleId } = c.req.valid("param");
    await deleteModule(courseId, moduleId);
    return c.body(null, 204);
  })
  .post("/admin/courses/:courseId/modules/:moduleId/lessons", validate("param", moduleParam), validate("json", LessonInput, { maxBytes: 256 * 1024 }), async (c) => {
    const { courseId, moduleId } = c.req.valid("param");
    return c.json({ lesson: await addLesson(courseId, moduleId, c.req.valid("json")) }, 201);
  })
  .put("/admin/courses/:courseId/modules/:moduleId/lessons/order", validate("param", moduleParam), validate("json", order), async (c) => {
    const { courseId, moduleId } = c.req.valid("param");
    await reorderLessons(courseId, moduleId, c.req.valid("json").order);
    return c.body(null, 204);
  })
  .patch("/admin/courses/:courseId/lessons/:lessonId", validate("param", lessonParam), validate("json", LessonChanges, { maxBytes: 256 * 1024 }), async (c) => {
    const { courseId, lessonId } = c.req.valid("param");
    return c.json({ lesson: await updateLesson(courseId, lessonId, c.req.valid("json")) }, 200);
  })
  .post("/admin/courses/:courseId/lessons/:lessonId/move", validate("param", lessonParam), validate("json", z.strictObject({ moduleId: id, position: z.number().int().min(0).max(500) })), async (c) => {
    const { courseId, lessonId } = c.req.valid("param");
    await moveLesson(courseId, lessonId, c.req.valid("json"));
    return c.body(null, 204);
  })
  .put("/admin/courses/:courseId/lessons/:lessonId/captions", validate("param", lessonParam), validate("json", CaptionsInput, { maxBytes: CAPTIONS_MAX_BYTES + 4 * 1024 }), async (c) => {
    const { courseId, lessonId } = c.req.valid("param");
    return c.json({ lesson: await setLessonCaptions(courseId, lessonId, c.req.valid("json").vtt, clock.now()) }, 200);
  })
  .delete("/admin/courses/:courseId/lessons/:lessonId/captions", validate("param", lessonParam), async (c) => {
    const { courseId, lessonId } = c.req.valid("param");
    await removeLessonCaptions(courseId, lessonId);
    return c.body(null, 204);
  })
  .delete("/admin/courses/:courseId/lessons/:lessonId", validate("param", lessonParam), async (c) => {
    const { courseId, lessonId } = c.req.valid("param");
    await deleteLesson(courseId, lessonId);
    return c.body(null, 204);
  });
