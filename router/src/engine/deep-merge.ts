/**
 * Merges what a fetch returned into what is already known, as the reference engine does
 * (gateway deepMerge.ts): objects merge key by key, lists of the same length merge
 * element by element, anything else is replaced.
 */
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

export function deepMerge(target: Record<string, unknown>, source: unknown): Record<string, unknown> {
  if (source === undefined || source === null) return target;
  const from = source as Record<string, unknown>;
  for (const key of Object.keys(from)) {
    const value = from[key];
    if (value === undefined) continue;
    // An inherited name ("constructor") must become an own property, never be merged into the prototype's.
    const current = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
    if (current && isObject(value)) {
      deepMerge(current as Record<string, unknown>, value);
    } else if (Array.isArray(value) && Array.isArray(current) && value.length === current.length) {
      for (let i = 0; i < value.length; i++) {
        if (isObject(current[i]) && isObject(value[i])) deepMerge(current[i] as Record<string, unknown>, value[i]);
        else current[i] = value[i];
      }
    } else if (key === '__proto__') {
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      target[key] = value;
    }
  }
  return target;
}
