import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from './errors';

function toDate(value: unknown): Date {
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw badInput('DateTime must be an ISO 8601 string');
  return date;
}

/** ISO 8601 instants; accepted as strings, served from Date or string values. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant in time, ISO 8601 with offset',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: (value) => toDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badInput('DateTime must be an ISO 8601 string');
    return toDate(ast.value);
  },
});
