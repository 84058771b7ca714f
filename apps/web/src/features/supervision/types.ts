/** Shapes of the supervision API that the contracts define as schemas only (types, no runtime import). */
import type { ZAnswer, ZChecklistSection, ZLetter, ZLibraryEntry, ZRanking, ZRiskSummary, ZTalkCounts, ZTemplate } from '@qinglian/contracts';

// The output type of a zod 4 schema, without importing zod into the console.
type Out<S extends { _zod: { output: unknown } }> = S['_zod']['output'];

export type RiskSummary = Out<typeof ZRiskSummary>;
export type LibraryEntry = Out<typeof ZLibraryEntry>;
export type Template = Out<typeof ZTemplate>;
export type Section = Out<typeof ZChecklistSection>;
export type Answer = Out<typeof ZAnswer>;
export type Letter = Out<typeof ZLetter>;
export type TalkCounts = Out<typeof ZTalkCounts>;
export type Ranking = Out<typeof ZRanking>;
export type RankingRow = Ranking['rows'][number];

/** A department's checklist score as the server computed it. */
export interface ScoredResult {
  score: number;
  passed: boolean;
  sections: { title: string; score: number; passed: boolean }[];
}

/** Rounds, findings by kind and the on-time rate of rectification. */
export interface RoundFigures {
  rounds: number;
  findings: number;
  byKind: { kind: string; count: number }[];
  accepted: number;
  overdue: number;
  /** Orders past their deadline or accepted, and those submitted by the deadline and accepted. */
  due: number;
  onTime: number;
  onTimeRate: number | null;
}
