/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in visitor (from accounts' /me), or null. */
    user: import("./lib/visitor").SignedInUser | null;
    /** Set-Cookie headers from API calls made for this request, passed on to the browser. */
    setCookies: string[];
  }
}
