import type { PartialDate } from './dates.js';
import type { ActorEntry, CaseMeta, EventEntry, MalwareEntry, QuestionCard, SourceEntry, TermEntry } from './schema.js';

export interface Section {
  id: string;
  title: string;
  keywords: string[];
  paragraphs: string[];
  /** Position in the series, from 1. */
  order: number;
}

export interface TimelineEvent extends EventEntry {
  start: PartialDate;
  until?: PartialDate;
}

export interface Overview {
  title: string;
  short: string;
  standard: string[];
}

/** A loaded, validated case: everything the bot knows. */
export interface Pack {
  dir: string;
  meta: CaseMeta;
  overview: Overview;
  sections: Section[];
  events: TimelineEvent[];
  actors: ActorEntry[];
  malware: MalwareEntry[];
  glossary: TermEntry[];
  questions: QuestionCard[];
  sources: Map<string, SourceEntry>;
  eventsByActor: Map<string, TimelineEvent[]>;
}
