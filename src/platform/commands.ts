/** Commands that log themselves: each run, with its duration and outcome, in the Flask on IIS log channel. */
import * as vscode from 'vscode';
import { log } from './log';

export function registerLoggedCommand(id: string, run: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: never[]) => {
    const started = performance.now();
    log().info(`${id}: started`);
    try {
      const result = await run(...args);
      log().info(`${id}: done in ${Math.round(performance.now() - started)} ms`);
      return result;
    } catch (e) {
      log().error(`${id}: failed after ${Math.round(performance.now() - started)} ms: ${e instanceof Error ? e.stack : String(e)}`);
      throw e;
    }
  });
}
