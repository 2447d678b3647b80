import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { ApiUser, dateOfBirthYearsAgo, expectAccessible, ownerPage, site } from "./support";

/**
 * Uploads bigger than the site server takes (in AWS a Lambda: 6 MB of payload, in which a
 * form arrives base64-encoded, so 4.5 MB of form; the local gateway refuses the same): with
 * JavaScript the file goes from the browser straight to storage on a ticket from the site,
 * and the page only confirms it; without JavaScript a file over 4 MB gets a plain message
 * from the page, and one over 4.5 MB never reaches it.
 */
const LAPTOP = { width: 1280, height: 800 };
const MB = 1024 * 1024;
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const jpegOf = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 9)]);

describe("uploads bigger than the site server's cap (4.5 MB of form)", () => {
  let browser: Browser;
  let owner: ApiUser;
  let page: Page;
  let recordPath = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    owner = await ApiUser.owner();
    page = await ownerPage(browser, LAPTOP);
    const client = await ApiUser.register({ firstName: "Large", lastName: `Photo${unique()}`, dateOfBirth: dateOfBirthYearsAgo(41) });
    await client.ensureMedicalHistory();
    expect((await client.call("PUT", "/api/booking/me/profile", { consents: { photo: true } })).status).toBe(200);
    const clientId = (await client.call<{ user: { userId: string } }>("GET", "/api/accounts/me")).body.user.userId;
    const record = await owner.call("POST", `/api/booking/admin/clients/${clientId}/treatments`, { performedAt: new Date().toISOString(), serviceName: "Lip filler" });
    expect(record.status, JSON.stringify(record.body)).toBe(201);
    recordPath = `/admin/clients/${clientId}`;
  });
  afterAll(() => browser?.close());

  /** A free, published course that asks for proof of registration. */
  const proofCourse = async () => {
    const slug = `proof-${unique()}`;
    const made = await owner.call<{ course: { courseId: string } }>("POST", "/api/learning/admin/courses", { title: "Proof course", slug, summary: "Needs a registration", level: "foundation", priceInPence: 0, entryRequirement: "NMC PIN" });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const courseId = made.body.course.courseId;
    const moduleId = (await owner.call<{ module: { moduleId: string } }>("POST", `/api/learning/admin/courses/${courseId}/modules`, { title: "Basics" })).body.module.moduleId;
    expect((await owner.call("POST", `/api/learning/admin/courses/${courseId}/modules/${moduleId}/lessons`, { title: "Welcome", kind: "text", body: "Welcome" })).status).toBe(201);
    const published = await owner.call("POST", `/api/learning/admin/courses/${courseId}/status`, { status: "published" });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    return { courseId, slug };
  };
  const pdfOf = (size: number) => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(size - 9, 0x20)]);

  it("the owner uploads a 7 MB phone photo to a client's record: it goes straight to storage, is checked, and appears", async () => {
    const photo = jpegOf(7 * MB);
    await page.goto(`${site().url}${recordPath}#photos`);
    await page.getByText("Upload a photo").click();
    await page.getByLabel("Photo", { exact: true }).setInputFiles({ name: "after.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.getByLabel("Before or after").selectOption("after");
    const sitePosts: number[] = [];
    page.on("request", (req) => {
      if (req.method() === "POST" && new URL(req.url()).pathname === recordPath) sitePosts.push(Number(req.headers()["content-length"] ?? req.postDataBuffer()?.length ?? 0));
    });
    const put = page.waitForRequest((req) => req.method() === "PUT" && !req.url().startsWith(site().url));
    await page.getByRole("button", { name: "Upload photo" }).click();
    expect((await put).url()).toContain("X-Amz-Signature=");
    await page.waitForURL("**saved=photo*");
    await page.getByRole("status").filter({ hasText: "Photo uploaded and checked" }).waitFor();
    // The form that reached the site carried the file's id, not the 7 MB.
    expect(sitePosts.length).toBe(1);
    expect(sitePosts[0]!).toBeLessThan(64 * 1024);
    await expectAccessible(page);
    const view = page.getByRole("link", { name: /^View after photo of/ });
    await view.waitFor();
    const stored = await page.request.get(`${site().url}${await view.getAttribute("href")}`);
    expect(stored.status()).toBe(200);
    expect((await stored.body()).length).toBe(photo.length);
    await page.locator(".record").filter({ hasText: "Lip filler" }).getByRole("link", { name: /^After/ }).waitFor();
  });

  it("a ticket for a file over the service's own limit is refused in words by the field", async () => {
    await page.goto(`${site().url}${recordPath}#photos`);
    await page.getByText("Upload a photo").click();
    await page.getByLabel("Photo", { exact: true }).setInputFiles({ name: "huge.jpg", mimeType: "image/jpeg", buffer: jpegOf(16 * MB) });
    await page.getByRole("button", { name: "Upload photo" }).click();
    await page.getByRole("alert").filter({ hasText: /15 MB/ }).waitFor();
    expect(new URL(page.url()).search).toBe("");
  });

  it("without JavaScript, a 4.2 MB photo gets the plain message from the page, and one over 4.5 MB is refused before the site (413)", async () => {
    const context = await browser.newContext({ viewport: LAPTOP, javaScriptEnabled: false, storageState: await page.context().storageState() });
    const plain = await context.newPage();
    plain.setDefaultTimeout(20_000);
    try {
      await plain.goto(`${site().url}${recordPath}#photos`);
      await plain.getByText("Upload a photo").click({ timeout: 10_000 });
      await plain.getByLabel("Photo", { exact: true }).setInputFiles({ name: "big.jpg", mimeType: "image/jpeg", buffer: jpegOf(Math.round(4.2 * MB)) });
      await plain.getByRole("button", { name: "Upload photo" }).click();
      await plain.getByText("larger than 4 MB: turn on JavaScript or choose a smaller file").first().waitFor({ timeout: 20_000 });
      // (No axe scan here: axe runs as a script, and this page has them off.)

      await plain.getByLabel("Photo", { exact: true }).setInputFiles({ name: "bigger.jpg", mimeType: "image/jpeg", buffer: jpegOf(7 * MB) });
      const answer = plain.waitForResponse((res) => res.request().method() === "POST", { timeout: 20_000 });
      await plain.getByRole("button", { name: "Upload photo" }).click();
      expect((await answer).status()).toBe(413);
    } finally {
      await context.close();
    }
  });

  it("a student sends an 8 MB proof of registration from the course page: straight to storage, checked by documents", async () => {
    const { courseId } = await proofCourse();
    const student = await ApiUser.register({ firstName: "Prudence" });
    const enrolled = await student.call<{ enrollment: { enrollmentId: string } }>("POST", "/api/learning/enrollments", { courseId, entryEvidence: "NMC PIN 12A3456B" });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);

    const context = await browser.newContext({ viewport: LAPTOP });
    await student.signInBrowser(context);
    const learner = await context.newPage();
    try {
      await learner.goto(`${site().url}/learn/${enrolled.body.enrollment.enrollmentId}`);
      const pdf = pdfOf(8 * MB);
      await learner.locator("#f-entryProof").setInputFiles({ name: "registration.pdf", mimeType: "application/pdf", buffer: pdf });
      const put = learner.waitForRequest((req) => req.method() === "PUT" && !req.url().startsWith(site().url));
      await learner.getByRole("button", { name: "Upload proof" }).click();
      await put;
      await learner.waitForURL("**proof=sent*");
      await learner.getByRole("status").filter({ hasText: "your proof is with us" }).waitFor();
      await expectAccessible(learner);
    } finally {
      await context.close();
    }
  });

  it("a treatment's picture goes straight to storage too, is checked by booking and named on the treatment", async () => {
    type Listed = { id: string; image?: string | null };
    const menu = (await owner.call<{ services: Listed[] }>("GET", "/api/booking/admin/services")).body.services;
    const service = menu.find((s) => !s.image)!;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(3 * MB, 7)]);
    await page.goto(`${site().url}/admin/treatments/${encodeURIComponent(service.id)}#picture`);
    await page.locator("#f-picture").setInputFiles({ name: "card.png", mimeType: "image/png", buffer: png });
    await page.getByLabel("What the picture shows").fill("A calm treatment room");
    const put = page.waitForRequest((req) => req.method() === "PUT" && !req.url().startsWith(site().url));
    await page.getByRole("button", { name: "Save picture" }).click();
    await put;
    await page.waitForURL("**saved=picture*");
    await page.getByRole("img", { name: "A calm treatment room" }).waitFor();
    // Put back as it was for the other tests.
    await page.getByRole("button", { name: "Remove picture" }).click();
    await page.waitForURL("**saved=picture*");
  });

  it("a proof too big to go with the enrolment form is left out, and the course page asks for it, where it goes straight to storage", async () => {
    const { slug } = await proofCourse();
    const student = await ApiUser.register({ firstName: "Enid" });
    const context = await browser.newContext({ viewport: LAPTOP });
    await student.signInBrowser(context);
    const learner = await context.newPage();
    try {
      await learner.goto(`${site().url}/courses/${slug}/enrol`);
      await learner.getByLabel("Professional registration").fill("NMC PIN 98B7654C");
      await learner.locator("#f-entryProof").setInputFiles({ name: "registration.pdf", mimeType: "application/pdf", buffer: pdfOf(7 * MB) });
      await learner.getByRole("button", { name: "Start the course" }).click();
      await learner.waitForURL("**/learn/**proof=later*");
      await learner.getByRole("alert").filter({ hasText: "too large to send with your enrolment" }).waitFor();
      await expectAccessible(learner);
      await learner.locator("#f-entryProof").setInputFiles({ name: "registration.pdf", mimeType: "application/pdf", buffer: pdfOf(7 * MB) });
      await learner.getByRole("button", { name: "Upload proof" }).click();
      await learner.waitForURL("**proof=sent*");
      await learner.getByRole("status").filter({ hasText: "your proof is with us" }).waitFor();
    } finally {
      await context.close();
    }
  });
});
