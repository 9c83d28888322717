import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QaEngine } from '../../../src/core/qa/engine.js';
import { ConversationMemory } from '../../../src/core/qa/memory.js';
import { casePack } from '../../helpers.js';

const pack = casePack();
const engineIn = (cacheDir: string, p = pack) => new QaEngine(p, new ConversationMemory(), { cacheDir });
const asker = { platform: 'console', userId: 'u1', channelId: 'c1' };
const questions = ['who attacked albania?', 'which bank did HLJ go after', 'what happened in sept 2022', 'roadswep?', 'when did albania cut ties with iran'];
const snapshots = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('qa-index-'));

describe('QaEngine index snapshot', () => {
  it('is written on the first start and loaded on the next, with the same answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebrief-qa-'));
    const built = engineIn(dir);
    expect(built.fromSnapshot).toBe(false);
    expect(snapshots(dir)).toHaveLength(1);
    const loaded = engineIn(dir);
    expect(loaded.fromSnapshot).toBe(true);
    expect(loaded.documentCount).toBe(built.documentCount);
    for (const q of questions) expect(loaded.answer(asker, q).result).toEqual(built.answer(asker, q).result);
  });

  it('is rebuilt when the pack changes, and the old one is removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebrief-qa-'));
    engineIn(dir);
    const before = snapshots(dir);
    const edited = { ...pack, overview: { ...pack.overview, short: `${pack.overview.short} ` } };
    const fresh = engineIn(dir, edited);
    expect(fresh.fromSnapshot).toBe(false);
    expect(snapshots(dir)).toHaveLength(1);
    expect(snapshots(dir)).not.toEqual(before);
  });

  it('is ignored when damaged: the index is built again and the bot still answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebrief-qa-'));
    engineIn(dir);
    const file = join(dir, snapshots(dir)[0]!);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 5000));
    const engine = engineIn(dir);
    expect(engine.fromSnapshot).toBe(false);
    expect(engine.answer(asker, 'who attacked albania?').result.answer).toMatch(/Iran/);
    expect(engineIn(dir).fromSnapshot).toBe(true);
  });

  it('is optional: a place that cannot hold it only means building on every start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebrief-qa-'));
    // A directory inside a regular file can never be created, whoever runs the test.
    writeFileSync(join(dir, 'file'), '');
    const blocked = join(dir, 'file', 'cache');
    const engine = engineIn(blocked);
    expect(engine.fromSnapshot).toBe(false);
    expect(engine.answer(asker, 'who attacked albania?').result.answer).toMatch(/Iran/);
    expect(engineIn(blocked).fromSnapshot).toBe(false);
  });
});
