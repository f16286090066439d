/**
 * Only the schema part of `npm run bench` (issue 14's load target): `node out/bench/schemaOnly.bench.js [RUNS]`.
 * Quicker to repeat while profiling the cold load than the whole benchmark. Prints numbers, asserts nothing.
 */
import { benchSchemaCold } from './schema.bench';

const runs = Number(process.argv[2] ?? 11);
for (const line of benchSchemaCold(Number.isInteger(runs) && runs > 0 ? runs : 11)) console.log(line);
