/**
 * Demo data for `npm start`, idempotent (safe on every start). Each service adds its own
 * seed as it lands; returns the sign-ins to print.
 */
export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

export async function seedDemoData(): Promise<DemoLogin[]> {
  return [];
}
