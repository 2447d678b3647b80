/**
 * The training courses, as a teaser until the Learning service exists: no prices to pay,
 * no enrolment — "enrolment opens soon". Replace with Learning's catalogue when it lands.
 */
export interface CourseTeaser {
  slug: string;
  title: string;
  level: string;
  summary: string;
  format: string[];
  outcomes: string[];
  forWho: string;
}

export const COURSES: CourseTeaser[] = [
  {
    slug: "foundation-anti-wrinkle",
    title: "Foundation anti-wrinkle injections",
    level: "Level 7 foundation",
    summary: "Safe, natural-looking botulinum toxin treatment of the upper face, from facial anatomy to consultation, consent and complication management.",
    format: ["Online theory at your own pace (about 12 hours)", "One hands-on training day in clinic with live models", "Online assessment and a practical sign-off"],
    outcomes: ["Assess and consent clients for upper-face treatment", "Treat glabellar lines, forehead lines and crow's feet", "Recognise and manage complications, including ptosis"],
    forWho: "Registered doctors, dentists, nurses and pharmacists.",
  },
  {
    slug: "dermal-filler-lips",
    title: "Dermal fillers: lips and lower face",
    level: "Level 7 advanced",
    summary: "Hyaluronic acid filler for lips, nasolabial folds and marionette lines, with emphasis on vascular anatomy and emergency hyaluronidase use.",
    format: ["Online theory and video demonstrations (about 15 hours)", "Two hands-on training days with live models", "Case-study assessment and a practical sign-off"],
    outcomes: ["Plan proportionate, natural lip enhancement", "Use cannula and needle techniques safely", "Manage vascular occlusion with a written protocol"],
    forWho: "Practitioners who hold a foundation injectables qualification.",
  },
];
