import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers.js';

/** Runs `npm start`'s entry point as a child process with piped input, as a user's script would. */
function runConsole(input: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', DATABASE_PATH: ':memory:', INDEX_CACHE_DIR: 'off', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('console adapter end to end', () => {
  it('prints the overview with its sources and exits at end of input', async () => {
    const { code, stdout } = await runConsole('/brief\n');
    expect(code).toBe(0);
    expect(stdout).toContain('The 2022 Iranian cyberattacks on Albania');
    expect(stdout).toMatch(/Sources\n\s+\[1\] .+/);
    expect(stdout).toMatch(/https?:\/\//);
  });

  it('answers each piped line in order, including bad input, without crashing', async () => {
    const { code, stdout } = await runConsole('/timeline 2022-09\n/breif\n/timeline 2022-13\n\n/actor zzzzqqq\n@everyone hi\n');
    expect(code).toBe(0);
    const sept = stdout.indexOf('Timeline: September 2022');
    const unknown = stdout.indexOf('Did you mean /brief?');
    const badDate = stdout.indexOf('month must be between 01 and 12');
    expect(sept).toBeGreaterThanOrEqual(0);
    expect(unknown).toBeGreaterThan(sept);
    expect(badDate).toBeGreaterThan(unknown);
    expect(stdout).toContain('I don\'t know the actor');
    expect(stdout).not.toMatch(/@everyone/);
  });

  it('stops at "quit" or "exit", answering nothing after it', async () => {
    const { code, stdout } = await runConsole('/timeline 2022-09\nquit\n/brief\n');
    expect(code).toBe(0);
    expect(stdout).toContain('Timeline: September 2022');
    expect(stdout).not.toContain('The 2022 Iranian cyberattacks on Albania');
    const exit = await runConsole('/EXIT\n/brief\n');
    expect(exit.code).toBe(0);
    expect(exit.stdout).not.toContain('The 2022 Iranian cyberattacks on Albania');
  });

  it('refuses to start with a clear message naming a bad variable', async () => {
    const { code, stderr } = await runConsole('', { DEFAULT_TIMEZONE: 'Mars/Olympus' });
    expect(code).toBe(1);
    expect(stderr).toContain('DEFAULT_TIMEZONE');
    expect(stderr).toContain('time zone');
  });
});
