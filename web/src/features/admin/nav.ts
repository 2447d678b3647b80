/**
 * The back office's sections, in the order the sidebar lists them. `key` is what a page
 * passes to the Admin layout as `section` so its entry is marked current.
 */
export const ADMIN_SECTIONS = [
  { key: "dashboard", href: "/admin", label: "Dashboard" },
  { key: "diary", href: "/admin/diary", label: "Diary" },
  { key: "clients", href: "/admin/clients", label: "Clients" },
  { key: "treatments", href: "/admin/treatments", label: "Treatments" },
  { key: "money", href: "/admin/money", label: "Money" },
  { key: "messages", href: "/admin/messages", label: "Messages" },
  { key: "reviews", href: "/admin/reviews", label: "Reviews" },
  { key: "academy", href: "/admin/academy", label: "Academy" },
  { key: "settings", href: "/admin/settings", label: "Settings" },
  { key: "team", href: "/admin/team", label: "Team & audit" },
] as const;

export type AdminSection = (typeof ADMIN_SECTIONS)[number]["key"];
