/**
 * Seeded randomness for assessment papers: the attempt stores its seed, so the same paper
 * (which questions, in which order, with which option order) can be rebuilt and audited.
 * xmur3 hashes the seed string, mulberry32 generates; both are tiny, well-known PRNGs —
 * not for secrets, only for fair shuffles.
 */
function xmur3(text: string): () => number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededRandom(seed: string): () => number {
  return mulberry32(xmur3(seed)());
}

/** Fisher–Yates on a copy (the input is never mutated). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export interface DrawableQuestion {
  questionId: string;
  options: readonly { optionId: string }[];
}

export interface PaperEntry {
  questionId: string;
  optionOrder: string[];
}

/**
 * The paper of one attempt: `count` questions drawn at random (all when undefined or ≥ the
 * bank), in random order, each with its options shuffled when `shuffleOptions`.
 */
export function drawPaper(bank: readonly DrawableQuestion[], options: { seed: string; count?: number; shuffleOptions: boolean }): PaperEntry[] {
  const random = seededRandom(options.seed);
  const picked = shuffled(bank, random).slice(0, options.count ?? bank.length);
  return picked.map((q) => ({
    questionId: q.questionId,
    optionOrder: options.shuffleOptions ? shuffled(q.options.map((o) => o.optionId), random) : q.options.map((o) => o.optionId),
  }));
}
