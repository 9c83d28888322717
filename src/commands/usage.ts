import type { CommandSpec, OptionSpec } from './types.js';

function optionUsage(o: OptionSpec): string {
  const inner = o.choices ? o.choices.join('|') : o.name;
  return o.required ? `<${inner}>` : `[${inner}]`;
}

/** "/timeline [from] [to] [phase]", generated from the declaration. */
export function usage(spec: CommandSpec, prefix = ''): string {
  const opts = spec.options.filter((o) => !o.hidden).map(optionUsage);
  return [`/${prefix}${spec.name}`, ...opts].join(' ');
}
