/** One thing wrong with a content pack, located by file and entry. */
export interface Problem {
  file: string;
  entry?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.entry ? ` › ${p.entry}` : ''}: ${p.message}`;
}

export class PackError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: Problem[],
  ) {
    super(
      `The content pack in ${dir} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'PackError';
  }
}
