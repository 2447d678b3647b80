import { Hono } from "hono";
import * as z from "zod";
import { notFound } from "@mas/core/errors";
import { clientIp, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { verifyCertificate } from "../domain/certificates";
import { cohortsOf, cohortView } from "../domain/cohorts";
import { courseBySlug, coursePublicView, listCourses } from "../domain/courses";
import { lessonContent, lessonOutline, loadCurriculum } from "../domain/curriculum";
import { assessmentPublicView, assessmentsOf } from "../domain/question-banks";
import { InterestInput, registerInterest } from "../domain/interest";
import { captionsPaths, captionsResponse } from "./captions";
import { id } from "./params";

/**
 * Anyone: the published catalogue (drafts and archived courses do not exist here), a
 * course's outline and open cohorts, free-preview lessons, registering interest in a
 * course's next dates (rate-limited per source address), and certificate verification.
 */
const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

async function publishedCourse(slug: string) {
  const course = await courseBySlug(slug);
  if (!course || course.status !== "published") throw notFound("learning.course_not_found", "No such course");
  return course;
}

export const publicRoutes = new Hono<AuthEnv>()
  .get("/courses", async (c) => {
    const courses = await listCourses("published");
    return c.json({ courses: courses.map(coursePublicView) }, 200);
  })
  .get("/courses/:slug", validate("param", slugParam), async (c) => {
    const course = await publishedCourse(c.req.valid("param").slug);
    const [curriculum, cohorts, assessments] = await Promise.all([loadCurriculum(course.courseId), cohortsOf(course.courseId), assessmentsOf(course.courseId)]);
    return c.json(
      {
        course: coursePublicView(course),
        modules: curriculum.modules.map((m) => ({ moduleId: m.moduleId, title: m.title, lessons: m.lessons.map(lessonOutline) })),
        cohorts: cohorts.filter((k) => k.published).map(cohortView),
        assessments: assessments.map(assessmentPublicView),
      },
      200,
    );
  })
  .get("/courses/:slug/lessons/:lessonId", validate("param", slugParam.extend({ lessonId: id })), async (c) => {
    const { slug, lessonId } = c.req.valid("param");
    const course = await publishedCourse(slug);
    const lesson = (await loadCurriculum(course.courseId)).lessons.find((l) => l.lessonId === lessonId);
    if (!lesson?.freePreview) throw notFound("learning.lesson_not_found", "No such preview");
    return c.json({ lesson: await lessonContent(lesson, captionsPaths.preview(slug, lessonId)) }, 200);
  })
  .get("/courses/:slug/lessons/:lessonId/captions", validate("param", slugParam.extend({ lessonId: id })), async (c) => {
    const { slug, lessonId } = c.req.valid("param");
    const course = await publishedCourse(slug);
    const lesson = (await loadCurriculum(course.courseId)).lessons.find((l) => l.lessonId === lessonId);
    if (!lesson?.freePreview) throw notFound("learning.lesson_not_found", "No such preview");
    return captionsResponse(c, lesson);
  })
  // Public and idempotent: the same answer whether or not this email had asked before.
  .post("/courses/:slug/interest", validate("param", slugParam), validate("json", InterestInput), async (c) => {
    const course = await publishedCourse(c.req.valid("param").slug);
    await registerInterest(course, c.req.valid("json"), clientIp(c), clock.now());
    return c.json({ registered: true }, 202);
  })
  .get("/certificates/:id", validate("param", z.object({ id })), async (c) => {
    const verified = await verifyCertificate(c.req.valid("param").id, clock.now());
    if (!verified) throw notFound("learning.certificate_not_found", "No certificate has this verification code");
    c.header("Cache-Control", "no-store");
    return c.json({ certificate: verified }, 200);
  });
