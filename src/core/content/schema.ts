import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and dashes');
const text = z.string().trim().min(1, 'must not be empty');
const dateText = z.union([z.string(), z.number()]).transform(String);

export const caseSchema = z.object({
  id,
  title: text,
  shortTitle: text,
  description: text,
  phases: z.array(z.object({ id, label: text })).min(1),
});

export const overviewFrontSchema = z.object({
  title: text,
  short: text,
});

export const sectionFrontSchema = z.object({
  id,
  title: text,
  keywords: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
});

export const eventSchema = z.object({
  id,
  date: dateText,
  end: dateText.optional(),
  phase: id,
  title: text,
  text,
  actors: z.array(id).default([]),
});

export const actorKinds = [
  'country',
  'government-body',
  'person',
  'threat-actor',
  'persona',
  'company',
  'organisation',
  'international-body',
] as const;

export const actorSchema = z.object({
  id,
  name: text,
  aliases: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  kind: z.enum(actorKinds),
  role: text,
  summary: text,
  facts: z.array(text).default([]),
});

export const malwareKinds = ['ransomware', 'wiper', 'backdoor', 'webshell', 'tool', 'vulnerability', 'technique'] as const;

export const malwareSchema = z.object({
  id,
  name: text,
  aliases: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  kind: z.enum(malwareKinds),
  summary: text,
  facts: z.array(text).default([]),
  actors: z.array(id).default([]),
});

export const termSchema = z.object({
  id,
  term: text,
  aliases: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  definition: text,
});

export const questionCardSchema = z.object({
  id,
  questions: z.array(text).min(1),
  answer: text,
});

export const reliabilities = ['primary', 'major-news', 'specialist', 'secondary-repost', 'partisan', 'low'] as const;

export const sourceSchema = z.object({
  id: z.string().regex(/^[A-Z]+\d+$/, 'a source id is capital letters then digits, like S12'),
  title: text,
  publisher: text,
  date: dateText,
  url: z.url().optional(),
  via: z.string().optional(),
  kind: text,
  reliability: z.enum(reliabilities),
});

export type CaseMeta = z.infer<typeof caseSchema>;
export type EventEntry = z.infer<typeof eventSchema>;
export type ActorEntry = z.infer<typeof actorSchema>;
export type MalwareEntry = z.infer<typeof malwareSchema>;
export type TermEntry = z.infer<typeof termSchema>;
export type QuestionCard = z.infer<typeof questionCardSchema>;
export type SourceEntry = z.infer<typeof sourceSchema>;
export type Reliability = (typeof reliabilities)[number];
