/** New Project's folder name (issue 15): one folder name Windows accepts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { projectFolderProblem } from '../../src/core/scaffold/projectFolder';

test('valid project folder names', () => {
  for (const name of ['shop', 'my-site', 'Flask App 2', '商店', 'a.b']) assert.equal(projectFolderProblem(name), undefined, name);
});

test('names that are not one folder, or that Windows refuses', () => {
  for (const name of ['', '  ', '.', '..', 'a/b', 'a\\b', 'C:', 'x|y', 'what?', 'con', 'NUL.txt', 'com1', 'trailing.', 'tab\tname']) {
    assert.equal(projectFolderProblem(name)?.key, 'scaffold.folder.invalid', JSON.stringify(name));
  }
});
