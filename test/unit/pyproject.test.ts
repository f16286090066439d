/** pyproject.toml's dependency arrays, read without a TOML parser (one scanner for the check and for init). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pyprojectDependencies } from '../../src/core/python/deploymentFacts';
import { pyprojectNames } from '../../src/core/python/environment';

const PYPROJECT = `[build-system]
requires = ["setuptools>=61"]

[project]
name = "shop"
dependencies = [
  "flask>=2.2",  # the web framework
  "uvicorn[standard]",
  'waitress',
]

[project.optional-dependencies]
dev = ["pytest", "ruff"]

[tool.poetry.dependencies]
python = "^3.11"
django = "^4.2"

[tool.poetry.group.test.dependencies]
coverage = "*"
`;

test('pyprojectDependencies: the [project] dependencies as written, over many lines, nothing from other sections', () => {
  assert.deepEqual(pyprojectDependencies(PYPROJECT), ['flask>=2.2', 'uvicorn[standard]', 'waitress']);
  assert.deepEqual(pyprojectDependencies('[project]\ndependencies = ["flask[async]", "gunicorn"]\nname = "x"\n'), ['flask[async]', 'gunicorn'], 'one line; a ] in a string does not end the array');
  assert.deepEqual(pyprojectDependencies('[tool.other]\ndependencies = ["no"]\n'), []);
});

test('pyprojectNames: project, optional and Poetry dependencies (never python itself), not build requirements', () => {
  const names = new Set<string>();
  pyprojectNames(PYPROJECT, names);
  for (const n of ['flask', 'uvicorn', 'waitress', 'pytest', 'ruff', 'django', 'coverage']) assert.ok([...names].some((x) => x.toLowerCase() === n), `${n} in ${[...names].join(', ')}`);
  assert.ok(![...names].some((x) => /^(python|setuptools)$/i.test(x)), [...names].join(', '));
});
