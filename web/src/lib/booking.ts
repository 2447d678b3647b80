/** The shapes the site reads from the booking service's public routes. */
export interface PublicService {
  id: string;
  slug: string;
  name: string;
  category: string;
  description: string;
  summary?: string;
  priceInPence: number;
  durationMinutes: number;
  depositInPence: number;
  requiresPatchTest: boolean;
  requiresConsultation: boolean;
  minAge: number;
}

export interface PublicSettings {
  weeklyHours: { start: string; end: string }[][];
}

export const CATEGORY_LABELS: Record<string, string> = {
  consultation: "Consultations",
  "anti-wrinkle": "Anti-wrinkle injections",
  "dermal-filler": "Dermal fillers",
  "skin-booster": "Skin boosters",
  "chemical-peel": "Chemical peels",
  microneedling: "Microneedling",
  facial: "Facials",
  other: "Other treatments",
};
