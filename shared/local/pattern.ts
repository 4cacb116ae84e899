/**
 * EventBridge content filtering, for the local bus. Implements the subset our rules use and that
 * AWS documents (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html):
 * - arrays of exact values (OR); strings, numbers, booleans, null compare by JSON type and value
 *   (the string "5" does not match the number 5)
 * - nested objects (AND across fields); a field missing from the event matches nothing but
 *   `{ exists: false }`
 * - arrays in the event match when any element matches
 * - `{ prefix }`, `{ suffix }`, `{ "anything-but": value | [values] | { prefix } }`,
 *   `{ numeric: [op, n, ...] }`, `{ exists: bool }`
 * Anything else throws, so a rule can never silently match differently here than in AWS.
 */
export type Pattern = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function matchNumeric(value: unknown, spec: unknown[]): boolean {
  if (typeof value !== 'number') return false;
  for (let i = 0; i < spec.length; i += 2) {
    const op = spec[i];
    const n = spec[i + 1];
    if (typeof n !== 'number') throw new Error(`numeric operand must be a number, got ${JSON.stringify(n)}`);
    const ok =
      op === '='
        ? value === n
        : op === '<'
          ? value < n
          : op === '<='
            ? value <= n
            : op === '>'
              ? value > n
              : op === '>='
                ? value >= n
                : (() => {
                    throw new Error(`Unsupported numeric operator ${String(op)}`);
                  })();
    if (!ok) return false;
  }
  return true;
}

/** Does one (scalar) event value satisfy one element of a pattern array? */
function matchOne(value: unknown, rule: unknown): boolean {
  if (!isObject(rule)) return value === rule; // exact, type-sensitive
  const keys = Object.keys(rule);
  if (keys.length !== 1) throw new Error(`Unsupported pattern operator ${JSON.stringify(rule)}`);
  const [op] = keys as [string];
  const arg = rule[op];
  switch (op) {
    case 'prefix':
      if (typeof arg !== 'string') throw new Error('prefix takes a string');
      return typeof value === 'string' && value.startsWith(arg);
    case 'suffix':
      if (typeof arg !== 'string') throw new Error('suffix takes a string');
      return typeof value === 'string' && value.endsWith(arg);
    case 'anything-but': {
      if (value === undefined) return false;
      if (isObject(arg)) {
        if (typeof arg.prefix !== 'string') throw new Error(`Unsupported anything-but ${JSON.stringify(arg)}`);
        return typeof value === 'string' && !value.startsWith(arg.prefix);
      }
      const excluded = Array.isArray(arg) ? arg : [arg];
      return !excluded.some((x) => x === value);
    }
    case 'numeric':
      if (!Array.isArray(arg)) throw new Error('numeric takes an array');
      return matchNumeric(value, arg);
    default:
      throw new Error(`Unsupported pattern operator ${op}`);
  }
}

function matchField(value: unknown, rules: unknown[]): boolean {
  const existsRule = rules.find((r) => isObject(r) && 'exists' in r) as { exists: boolean } | undefined;
  if (existsRule) {
    if (rules.length !== 1) throw new Error('exists must be the only rule for a field');
    // AWS: exists matches leaf values only; an absent field (or an empty array) does not exist.
    const present = value !== undefined && !(Array.isArray(value) && value.length === 0) && !isObject(value);
    return existsRule.exists ? present : value === undefined;
  }
  if (value === undefined) return false;
  const candidates = Array.isArray(value) ? value : [value];
  return candidates.some((v) => rules.some((r) => matchOne(v, r)));
}

export function matchesPattern(event: Record<string, unknown>, pattern: Pattern): boolean {
  for (const [key, rule] of Object.entries(pattern)) {
    const value = event[key];
    if (Array.isArray(rule)) {
      if (!matchField(value, rule)) return false;
    } else if (isObject(rule)) {
      if (!isObject(value)) return false;
      if (!matchesPattern(value, rule)) return false;
    } else {
      throw new Error(`Pattern values must be arrays or objects, got ${JSON.stringify(rule)} at ${key}`);
    }
  }
  return true;
}
