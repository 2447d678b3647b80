import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { ApiUser, DESKTOP, PHONE, TEST_CARD, expectAccessible, mailTo, shot, site, until } from "./support";

/**
 * The academy in a real browser: a new student buys a course with the test card, works
 * through the lessons (progress, resume after reload, keyboard), passes the final
 * assessment, downloads the certificate and sees it valid on the public register; a second
 * student fails and sees attempts left and the cool-down; a revoked certificate says so;
 * a timed attempt keeps its remaining time over a reload and the server refuses late answers.
 */
const COURSE = "dermal-filler-foundation";
const RIGHT = { "What dissolves hyaluronic acid filler?": ["Hyaluronidase"], "Which are signs of vascular occlusion?": ["Blanching", "Livedo pattern"] } as Record<string, string[]>;
const WRONG = { "What dissolves hyaluronic acid filler?": ["Saline"], "Which are signs of vascular occlusion?": ["Mild swelling only"] } as Record<string, string[]>;

describe("academy", () => {
  let browser: Browser;
  let owner: ApiUser;
  let courseId: string;
  let certificateId = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    owner = await ApiUser.owner();
    courseId = ((await (await fetch(`${site().url}/api/learning/courses/${COURSE}`)).json()) as { course: { courseId: string } }).course.courseId;
  });
  afterAll(() => browser?.close());

  const newPage = async (viewport = DESKTOP, user?: ApiUser): Promise<Page> => {
    const context = await browser.newContext({ viewport });
    if (user) {
      // The session cookie is Secure (and may carry a `__Host-` prefix): set it as the browser would receive it.
      const [name, ...value] = user.cookie.split("=");
      await context.addCookies([{ name: name!, value: value.join("="), domain: new URL(site().url).hostname, path: "/", httpOnly: true, secure: true, sameSite: "Lax" }]);
    }
    return context.newPage();
  };

  /** Answers every question on the attempt page by the options' text. */
  async function answer(page: Page, answers: Record<string, string[]>) {
    for (const [prompt, options] of Object.entries(answers)) {
      const question = page.getByRole("group", { name: new RegExp(prompt.replace(/[?]/g, "\\?")) });
      for (const option of options) await question.getByLabel(option, { exact: true }).check();
      await question.getByText("Saved").waitFor();
    }
  }

  it("a new student buys a course with card 4242, learns, passes within the limit, downloads the certificate and sees it valid", async () => {
    const page = await newPage(DESKTOP);
    await page.goto(`${site().url}/courses`);
    await expectAccessible(page);
    await shot(page, "academy-1-catalogue");
    await page.getByRole("link", { name: "Dermal Filler Foundation", exact: true }).click();
    await page.getByRole("heading", { name: "Curriculum" }).waitFor();
    const structured = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(structured).toMatchObject({ "@type": "Course", name: "Dermal Filler Foundation", offers: { price: "1750.00", priceCurrency: "GBP" } });
    await expectAccessible(page);
    await shot(page, "academy-2-course");

    // A free-preview lesson plays for anyone.
    await page.getByRole("link", { name: /Hyaluronic acid rheology/ }).click();
    await page.getByRole("heading", { name: "Hyaluronic acid rheology" }).waitFor();
    await expectAccessible(page);
    await page.goBack();

    // Enrol: create the account inline, choose the cohort, on to the card.
    await page.getByRole("link", { name: /^Enrol now/ }).first().click();
    const email = `student.${Date.now()}@example.test`;
    const register = page.getByRole("region", { name: "New here? Create your account" });
    await expectAccessible(page);
    await register.getByLabel("First name").fill("Grace");
    await register.getByLabel("Last name").fill("Student");
    await register.getByLabel("Email").fill(email);
    await register.getByLabel("Create a password").fill("chalk dust and violets");
    await register.getByRole("button", { name: "Create account and continue" }).click();
    await page.getByText("Signed in as Grace Student").waitFor();
    await expectAccessible(page);
    await shot(page, "academy-3-enrol");
    await page.getByRole("button", { name: /^Continue to payment/ }).click();
    await page.waitForURL(/\/learn\/[^/]+\/pay$/);
    const enrollmentId = new URL(page.url()).pathname.split("/")[2]!;
    await page.getByLabel("Card number").waitFor();
    expect(await page.getByLabel("Card number").inputValue()).toBe(TEST_CARD);
    await expectAccessible(page);
    await shot(page, "academy-4-pay");
    await page.getByRole("button", { name: "Pay £1,750" }).click();
    await page.waitForURL(new RegExp(`/learn/${enrollmentId}\\?.*redirect_status=succeeded`));
    await page.getByText("0% complete").first().waitFor({ timeout: 60_000 });
    await expectAccessible(page);
    await shot(page, "academy-5-course-home");
    // The course's welcome mail from messaging (not the account's own welcome), and the nav now shows the courses.
    await until(async () => (await mailTo(email)).some((m) => m.subject.startsWith("Welcome to") && m.subject !== "Welcome to Master Aesthetics"), 30_000);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My courses" }).count()).resolves.toBe(1);

    // The player: start, complete and auto-advance, progress in the sidebar.
    await page.getByRole("link", { name: /^Start: Hyaluronic acid rheology/ }).click();
    await page.getByRole("heading", { name: "Hyaluronic acid rheology" }).waitFor();
    await expectAccessible(page);
    await shot(page, "academy-6-player");
    await page.getByRole("button", { name: "Mark complete and continue" }).click();
    await page.getByRole("heading", { name: "Danger zones" }).waitFor();
    await expect(page.locator("#sidebar-progress").textContent()).resolves.toBe("33% complete");
    // Keyboard: ← goes back to the previous lesson, → forward again.
    await page.locator("body").press("ArrowLeft");
    await page.getByRole("heading", { name: "Hyaluronic acid rheology" }).waitFor();
    await page.locator("body").press("ArrowRight");
    await page.getByRole("heading", { name: "Danger zones" }).waitFor();

    // Resume: after a reload, and from the dashboard on a phone, the student lands on the lesson they were on.
    await page.reload();
    await page.getByRole("heading", { name: "Danger zones" }).waitFor();
    const student = new ApiUser(email);
    student.cookie = (await page.context().cookies()).filter((c) => c.name.endsWith("mas_session")).map((c) => `${c.name}=${c.value}`)[0]!;
    const phone = await newPage(PHONE, student);
    await phone.goto(`${site().url}/learn`);
    await expectAccessible(phone);
    await shot(phone, "academy-7-dashboard");
    await phone.getByRole("link", { name: "Continue: Danger zones" }).click();
    await phone.getByRole("heading", { name: "Danger zones" }).waitFor();
    await expectAccessible(phone);
    await shot(phone, "academy-8-player-phone");
    await phone.getByRole("button", { name: "Mark complete and continue" }).click();
    await phone.getByRole("heading", { name: "Lip anatomy and technique" }).waitFor();
    await phone.getByRole("button", { name: "Mark complete" }).click();
    await phone.waitForURL(new RegExp(`/learn/${enrollmentId}\\?finished=`));
    await phone.getByText("100% complete").waitFor();
    await phone.context().close();

    // The practical day is marked by the trainer.
    expect((await owner.call("PUT", `/api/learning/admin/enrollments/${enrollmentId}/attendance`, { attended: true })).status).toBe(200);

    // The final assessment: start screen, then pass within the limit.
    await page.goto(`${site().url}/learn/${enrollmentId}`);
    await page.getByRole("link", { name: /^Open\W*Final assessment/ }).click();
    await page.getByText("Time limit").waitFor();
    await expect(page.locator("#attempts-left").textContent()).resolves.toBe("3");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Start the assessment" }).click();
    await page.getByRole("timer").waitFor();
    await expectAccessible(page);
    await shot(page, "academy-9-attempt");
    await answer(page, RIGHT);
    await page.getByRole("button", { name: "Submit your answers" }).click();
    await page.getByRole("heading", { name: "Your result" }).waitFor();
    await page.getByText("Passed — well done.").waitFor();
    await expectAccessible(page);
    await shot(page, "academy-10-passed");

    // The certificate: its PDF (rendered by documents), share link, LinkedIn — and valid on the register.
    await page.goto(`${site().url}/learn/certificates`);
    await until(async () => {
      await page.reload();
      return (await page.getByRole("link", { name: /^Download the PDF/ }).count()) === 1;
    }, 60_000, 1000);
    await expectAccessible(page);
    await shot(page, "academy-11-certificates");
    const pdf = await page.request.get(new URL((await page.getByRole("link", { name: /^Download the PDF/ }).getAttribute("href"))!, site().url).href);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const linkedIn = new URL((await page.getByRole("link", { name: /Add to LinkedIn profile/ }).getAttribute("href"))!);
    expect(linkedIn.origin + linkedIn.pathname).toBe("https://www.linkedin.com/profile/add");
    expect(linkedIn.searchParams.get("startTask")).toBe("CERTIFICATION_NAME");
    expect(linkedIn.searchParams.get("name")).toBe("Dermal Filler Foundation");
    const share = await page.getByLabel(/Verification link/).inputValue();
    expect(linkedIn.searchParams.get("certUrl")).toBe(share);
    certificateId = share.split("/verify/")[1]!;
    await page.goto(share.replace(/^https?:\/\/[^/]+/, site().url));
    await page.getByRole("heading", { name: "Valid certificate" }).waitFor();
    await page.getByText("Grace Student").waitFor();
    await expectAccessible(page);
    await shot(page, "academy-12-verify-valid");
    await page.context().close();
  }, 360_000);

  it("a second student fails and sees attempts left and the cool-down", async () => {
    const student = await ApiUser.register({ firstName: "Tom" });
    const enrolled = await owner.call<{ enrollment: { enrollmentId: string } }>("POST", "/api/learning/admin/enrollments", { courseId, userId: await userIdOf(student), cohortId: await cohortOf() });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    const enrollmentId = enrolled.body.enrollment.enrollmentId;
    const page = await newPage(PHONE, student);
    await page.goto(`${site().url}/learn/${enrollmentId}`);
    await page.getByRole("link", { name: /^Open\W*Final assessment/ }).click();
    await page.getByRole("button", { name: "Start the assessment" }).click();
    await page.getByRole("timer").waitFor();
    await answer(page, WRONG);
    await page.getByRole("button", { name: "Submit your answers" }).click();
    await page.getByText(/^Not passed this time/).waitFor();
    await expect(page.locator("#attempts-left").textContent()).resolves.toBe("2 attempts left.");
    await page.getByText(/You can try again from/).waitFor();
    await expectAccessible(page);
    await shot(page, "academy-13-failed");
    // The start screen says the same and offers no start until the cool-down ends.
    await page.getByRole("link", { name: "Back to the course" }).last().click();
    await page.getByRole("link", { name: /^Open\W*Final assessment/ }).click();
    await page.getByText(/You can try again from/).waitFor();
    await expect(page.getByRole("button", { name: "Start the assessment" }).count()).resolves.toBe(0);
    await expectAccessible(page);
    await page.context().close();
  }, 180_000);

  it("a revoked certificate shows revoked, and an unknown code says so", async () => {
    expect(certificateId).not.toBe("");
    expect((await owner.call("POST", `/api/learning/admin/certificates/${certificateId}/revoke`, { reason: "Registration lapsed" })).status).toBe(200);
    const page = await newPage(PHONE);
    await page.goto(`${site().url}/verify`);
    await page.getByLabel("Verification code").fill(certificateId);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("heading", { name: "Revoked certificate" }).waitFor();
    await page.getByText("Registration lapsed", { exact: false }).waitFor();
    await expectAccessible(page);
    await shot(page, "academy-14-verify-revoked");
    await page.goto(`${site().url}/verify/NoSuchCode123`);
    await page.getByRole("heading", { name: "Certificate not found" }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  }, 120_000);

  it("a reload during a timed attempt keeps the remaining time, and answers after the deadline do not count", async () => {
    // A one-minute quiz on a course of its own, built as the owner would.
    const slug = `timed-quiz-${Date.now()}`;
    const made = await owner.call<{ course: { courseId: string } }>("POST", "/api/learning/admin/courses", { title: "Timed quiz course", slug, summary: "A short timed quiz", level: "foundation", priceInPence: 0 });
    const timedCourse = made.body.course.courseId;
    const bank = (await owner.call<{ bank: { bankId: string } }>("POST", `/api/learning/admin/courses/${timedCourse}/banks`, { title: "Quiz" })).body.bank.bankId;
    const q = (prompt: string) => owner.call("POST", `/api/learning/admin/courses/${timedCourse}/banks/${bank}/questions`, { kind: "single", prompt, options: [{ optionId: "a", text: "Right" }, { optionId: "b", text: "Wrong" }], correctOptionIds: ["a"] });
    await q("First question?");
    await q("Second question?");
    const assessment = (await owner.call<{ assessment: { assessmentId: string } }>("POST", `/api/learning/admin/courses/${timedCourse}/assessments`, { title: "Timed quiz", bankId: bank, passMarkPercent: 100, timeLimitMinutes: 1, shuffleOptions: false })).body.assessment.assessmentId;
    expect((await owner.call("POST", `/api/learning/admin/courses/${timedCourse}/status`, { status: "published" })).status).toBe(200);
    const student = await ApiUser.register({ firstName: "Ivy" });
    const enrolled = await student.call<{ enrollment: { enrollmentId: string } }>("POST", "/api/learning/enrollments", { courseId: timedCourse });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);

    const page = await newPage(DESKTOP, student);
    await page.goto(`${site().url}/learn/${enrolled.body.enrollment.enrollmentId}/assessments/${assessment}`);
    await page.getByRole("button", { name: "Start the assessment" }).click();
    await page.getByRole("timer").waitFor();
    const attemptUrl = page.url();
    await answer(page, { "First question?": ["Right"] });
    await page.waitForTimeout(8_000);
    await page.reload();
    const seconds = async () => {
      const [m, s] = (await page.getByRole("timer").textContent())!.split(":").map(Number);
      return m! * 60 + s!;
    };
    const afterReload = await seconds();
    expect(afterReload).toBeLessThanOrEqual(52);
    expect(afterReload).toBeGreaterThan(30);
    // The answer saved before the reload is still chosen.
    expect(await page.getByRole("group", { name: /First question/ }).getByLabel("Right").isChecked()).toBe(true);
    await shot(page, "academy-15-timed-after-reload");

    // Past the deadline (the page would submit itself; the server decides either way): a late answer is refused.
    const attemptId = attemptUrl.split("/").pop()!;
    const secondQuestion = await page.getByRole("group", { name: /Second question/ }).getAttribute("data-question");
    await page.waitForTimeout((afterReload + 2) * 1000);
    const late = await page.evaluate(
      async ([id, question]) => (await fetch(`/api/learning/attempts/${id}/answers/${question}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ optionIds: ["a"] }) })).status,
      [attemptId, secondQuestion!] as const,
    );
    expect(late).toBe(409);
    await page.goto(attemptUrl);
    await page.getByRole("heading", { name: "Your result" }).waitFor();
    await page.getByText("Time ran out").waitFor();
    // Only the answer given in time counts: 1 of 2.
    await expect(page.locator(".score").textContent()).resolves.toBe("50%");
    await expectAccessible(page);
    await shot(page, "academy-16-timed-result");
    await page.context().close();
  }, 240_000);

  it("one question per screen: keyboard through the questions, answers kept, submitted from the last; register interest on a course page", async () => {
    const slug = `one-by-one-${Date.now()}`;
    const made = await owner.call<{ course: { courseId: string } }>("POST", "/api/learning/admin/courses", { title: "One by one course", slug, summary: "A quiz a question at a time", level: "foundation", priceInPence: 0 });
    const quizCourse = made.body.course.courseId;
    const bank = (await owner.call<{ bank: { bankId: string } }>("POST", `/api/learning/admin/courses/${quizCourse}/banks`, { title: "Quiz" })).body.bank.bankId;
    for (const prompt of ["Alpha question?", "Beta question?", "Gamma question?"]) {
      await owner.call("POST", `/api/learning/admin/courses/${quizCourse}/banks/${bank}/questions`, { kind: "single", prompt, options: [{ optionId: "a", text: "Right" }, { optionId: "b", text: "Wrong" }], correctOptionIds: ["a"] });
    }
    const assessment = (await owner.call<{ assessment: { assessmentId: string } }>("POST", `/api/learning/admin/courses/${quizCourse}/assessments`, { title: "Quiz", bankId: bank, passMarkPercent: 60, timeLimitMinutes: 20, shuffleOptions: false })).body.assessment.assessmentId;
    expect((await owner.call("POST", `/api/learning/admin/courses/${quizCourse}/status`, { status: "published" })).status).toBe(200);
    const student = await ApiUser.register({ firstName: "Oona" });
    const enrolled = await student.call<{ enrollment: { enrollmentId: string } }>("POST", "/api/learning/enrollments", { courseId: quizCourse });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);

    const page = await newPage(PHONE, student);
    await page.goto(`${site().url}/learn/${enrolled.body.enrollment.enrollmentId}/assessments/${assessment}`);
    await page.getByRole("button", { name: "Start the assessment" }).click();
    await page.getByRole("timer").waitFor();
    await page.getByRole("link", { name: "Show one question at a time" }).click();
    await page.getByRole("group", { name: /Question 1 of 3: / }).waitFor();
    expect(await page.getByRole("group", { name: /Question \d of 3/ }).count()).toBe(1);
    await expectAccessible(page);
    await shot(page, "academy-17-one-per-screen");

    // Keyboard only: choose with Space, go on with Enter (Next is the form's first button).
    const first = page.getByRole("group", { name: /Question 1 of 3/ });
    await first.getByLabel("Right", { exact: true }).focus();
    await page.keyboard.press("Space");
    await first.getByText("Saved").waitFor();
    await page.keyboard.press("Enter");
    const second = page.getByRole("group", { name: /Question 2 of 3/ });
    await second.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("question");
    await expect(page.locator("#answered-count").textContent()).resolves.toBe("1");
    await second.getByLabel("Wrong", { exact: true }).check();
    await second.getByText("Saved").waitFor();
    await page.getByRole("button", { name: "Next question" }).click();
    await page.getByRole("group", { name: /Question 3 of 3/ }).waitFor();
    expect(await page.getByRole("button", { name: "Next question" }).count()).toBe(0);
    // Back to the first from the list: its answer is still chosen.
    await page.getByRole("button", { name: "Question 1, answered" }).click();
    expect(await page.getByRole("group", { name: /Question 1 of 3/ }).getByLabel("Right", { exact: true }).isChecked()).toBe(true);
    await page.getByRole("button", { name: /^Question 3/ }).click();
    await page.getByRole("group", { name: /Question 3 of 3/ }).getByLabel("Right", { exact: true }).check();
    await page.getByRole("group", { name: /Question 3 of 3/ }).getByText("Saved").waitFor();
    await page.getByRole("button", { name: "Submit your answers" }).click();
    await page.getByRole("heading", { name: "Your result" }).waitFor();
    await expect(page.locator(".score").textContent()).resolves.toBe("66.67%");
    await page.context().close();

    // Register interest in a course's next dates (the course page links here when it is full).
    const visitor = await newPage(PHONE);
    await visitor.goto(`${site().url}/courses/${COURSE}/interest`);
    await visitor.getByLabel("Email", { exact: true }).fill(`interest-${Date.now()}@example.com`);
    await visitor.getByRole("button", { name: "Register interest" }).click();
    await visitor.getByText("Tick the box so we may email you when places open").first().waitFor();
    await expectAccessible(visitor);
    await visitor.getByLabel(/You may email me when places open/).check();
    await visitor.getByRole("button", { name: "Register interest" }).click();
    await visitor.getByRole("status").getByText(/We will email you once/).waitFor();
    await expectAccessible(visitor);
    await visitor.context().close();
  }, 180_000);

  async function userIdOf(user: ApiUser): Promise<string> {
    return (await user.call<{ user: { userId: string } }>("GET", "/api/accounts/me")).body.user.userId;
  }
  async function cohortOf(): Promise<string> {
    const page = (await (await fetch(`${site().url}/api/learning/courses/${COURSE}`)).json()) as { cohorts: { cohortId: string }[] };
    return page.cohorts[0]!.cohortId;
  }
});
