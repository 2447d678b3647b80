/**
 * Marking, pure. Per question kind:
 * - `single` and `true_false`: full points when the one chosen option is the correct one;
 * - `multiple`: partial credit — points × (correct chosen − wrong chosen) / correct options,
 *   never below 0 (choosing everything earns nothing);
 * - `short_answer`: marked by the owner; until then the attempt awaits marking.
 *
 * Time limit: an answer the server received after the attempt's deadline does not count
 * (as if unanswered), whatever the client claims.
 */
export interface MarkableQuestion {
  questionId: string;
  kind: "single" | "multiple" | "true_false" | "short_answer";
  correctOptionIds: readonly string[];
  points: number;
}

export interface GivenAnswer {
  optionIds?: readonly string[];
  text?: string;
  /** ISO instant the server received it. */
  answeredAt: string;
}

export interface QuestionMark {
  questionId: string;
  awarded: number;
  max: number;
  /** A short answer the owner has not marked yet. */
  pending: boolean;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function markQuestion(question: MarkableQuestion, answer: GivenAnswer | undefined, manualMark?: number): QuestionMark {
  const base = { questionId: question.questionId, max: question.points };
  if (question.kind === "short_answer") {
    if (!answer?.text?.trim()) return { ...base, awarded: 0, pending: false };
    if (manualMark === undefined) return { ...base, awarded: 0, pending: true };
    return { ...base, awarded: Math.min(Math.max(manualMark, 0), question.points), pending: false };
  }
  const chosen = new Set(answer?.optionIds ?? []);
  const correct = new Set(question.correctOptionIds);
  if (question.kind === "multiple") {
    if (correct.size === 0) return { ...base, awarded: 0, pending: false };
    let right = 0;
    let wrong = 0;
    for (const id of chosen) (correct.has(id) ? right++ : wrong++);
    return { ...base, awarded: round2(Math.max(0, (right - wrong) / correct.size) * question.points), pending: false };
  }
  const [only] = chosen;
  const ok = chosen.size === 1 && only !== undefined && correct.has(only);
  return { ...base, awarded: ok ? question.points : 0, pending: false };
}

export interface AttemptResult {
  marks: QuestionMark[];
  score: number;
  maxScore: number;
  scorePercent: number;
  passed: boolean;
  /** Some short answers await the owner's marking: `passed` is provisional. */
  pending: boolean;
}

/** Marks a whole paper; answers received after `deadline` are ignored. */
export function markAttempt(input: {
  questions: readonly MarkableQuestion[];
  answers: Readonly<Record<string, GivenAnswer>>;
  manualMarks?: Readonly<Record<string, number>>;
  deadline?: Date;
  passMarkPercent: number;
}): AttemptResult {
  const cutoff = input.deadline?.getTime();
  const marks = input.questions.map((q) => {
    const answer = input.answers[q.questionId];
    const inTime = answer && (cutoff === undefined || Date.parse(answer.answeredAt) <= cutoff) ? answer : undefined;
    return markQuestion(q, inTime, input.manualMarks?.[q.questionId]);
  });
  const score = round2(marks.reduce((sum, m) => sum + m.awarded, 0));
  const maxScore = marks.reduce((sum, m) => sum + m.max, 0);
  const scorePercent = maxScore === 0 ? 0 : round2((score * 100) / maxScore);
  const pending = marks.some((m) => m.pending);
  return { marks, score, maxScore, scorePercent, passed: !pending && scorePercent >= input.passMarkPercent, pending };
}
