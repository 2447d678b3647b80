/** The clinic's name, address and phone: the same source the emails and invites use. */
export { practice, telHref } from "@mas/core/practice";
