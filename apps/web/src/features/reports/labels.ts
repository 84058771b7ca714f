/**
 * Option lists for the report pickers, from the dictionary (whose keys are typed by the contract's
 * enums); importing the contract's value arrays would pull zod into the browser bundle.
 */
import type { Dict } from '../../lib/i18n/index.tsx';

const entries = <K extends string>(o: Record<K, string>) => (Object.entries(o) as [K, string][]).map(([value, label]) => ({ value, label }));

export const categoryOptions = (t: Dict) => entries(t.reports.categories);
export const channelOptions = (t: Dict) => entries(t.reports.channels);
export const statusOptions = (t: Dict) => entries(t.reports.statuses);
export const disposalOptions = (t: Dict) => entries(t.reports.disposals);
export const conclusionOptions = (t: Dict) => entries(t.reports.conclusions);
export const codeKindOptions = (t: Dict) => entries(t.reports.codeKinds);

/** The label of a timeline event kind (unknown kinds shown as they are). */
export const eventLabel = (t: Dict, kind: string) => t.reports.events[kind] ?? kind;
