import type { MergeField } from "../fields";
import { template, type TemplateDefinition } from "./define";

/** The course workflow: welcome, then nudges that keep a student going to the end. */
const COURSE: readonly MergeField[] = ["course.title", "course.progressPercent", "links.course"];
const hello = { p: "Hello {{client.firstName}}," };
const resume = { button: { label: "Continue the course", href: "{{links.course}}" } };

export const learningTemplates: TemplateDefinition[] = [
  template({
    key: "course.welcome",
    name: "Course welcome",
    fields: COURSE,
    subject: "Welcome to {{course.title}}",
    preheader: "Your course is ready to start.",
    blocks: [
      { heading: "Welcome to {{course.title}}" },
      hello,
      { p: "Your place is confirmed and the course is open. Work through the lessons at your own pace; your progress is saved as you go." },
      { button: { label: "Start the first lesson", href: "{{links.course}}" } },
      { note: "Questions about the course? Reply to this email." },
    ],
  }),
  template({
    key: "course.day1",
    name: "Course: started yet? (day 1)",
    fields: COURSE,
    subject: "Ready to start {{course.title}}?",
    preheader: "The first lesson takes about 15 minutes.",
    blocks: [hello, { p: "You have not opened the first lesson of {{course.title}} yet. It takes about 15 minutes, and it is the best way to get going." }, resume],
  }),
  template({
    key: "course.day7",
    name: "Course: progress (day 7)",
    fields: COURSE,
    subject: "You are {{course.progressPercent}}% through {{course.title}}",
    preheader: "A week in: keep the momentum.",
    blocks: [hello, { p: "One week in, you have completed {{course.progressPercent}}% of {{course.title}}. A lesson a day keeps the momentum going." }, resume],
  }),
  template({
    key: "course.day14",
    name: "Course: progress (day 14)",
    fields: COURSE,
    subject: "Two weeks in: {{course.progressPercent}}% of {{course.title}}",
    preheader: "You are making progress.",
    blocks: [hello, { p: "Two weeks in, you are {{course.progressPercent}}% of the way through {{course.title}}. Every lesson brings your certificate closer." }, resume],
  }),
  template({
    key: "course.day30",
    name: "Course: completion check (day 30)",
    fields: COURSE,
    subject: "How is {{course.title}} going?",
    preheader: "Anything we can help with?",
    blocks: [
      hello,
      { p: "It has been a month since you started {{course.title}} and you are {{course.progressPercent}}% through. If anything is holding you back, reply and tell us: we are happy to help." },
      resume,
    ],
  }),
  template({
    key: "course.places-open",
    name: "Course: places open (to those who registered interest)",
    fields: ["course.title", "links.course"],
    subject: "Places are open on {{course.title}}",
    preheader: "You asked us to tell you when new dates were announced.",
    blocks: [
      { heading: "New dates for {{course.title}}" },
      hello,
      { p: "You asked us to let you know when places open on {{course.title}}. A new cohort is now taking enrolments; places are limited and go in the order they are booked." },
      { button: { label: "See the dates and enrol", href: "{{links.course}}" } },
      { note: "We only emailed you because you registered interest in this course. We will not email you about it again." },
    ],
  }),
  template({
    key: "certificate.issued",
    name: "Certificate issued",
    fields: ["course.title", "certificate.verificationCode", "links.certificate"],
    subject: "Your certificate for {{course.title}}",
    preheader: "Congratulations on completing the course.",
    blocks: [
      { heading: "Congratulations!" },
      hello,
      { p: "You have completed {{course.title}}. Your certificate is ready; anyone can verify it with the code {{certificate.verificationCode}}." },
      { button: { label: "View your certificate", href: "{{links.certificate}}" } },
    ],
  }),
];
