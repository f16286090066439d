/** One step of a host plan (plan.ts); grants.ts builds steps too, so the shape lives apart from both. */
import type { ManifestEntry } from './manifest';

export interface PlanStep {
  argv: string[];
  /** Why this step is needed (rendered through the message table). */
  why: string;
  /** The commands that undo this step, in order. */
  undo?: string[][];
  /** What this step creates on the host; recorded in the project's manifest once it succeeded. */
  creates?: ManifestEntry;
  /** What this step removes (unregister); dropped from the manifest once it succeeded. */
  removes?: ManifestEntry;
  /** Run without elevation even when the rest of the plan is elevated (pip installing into the user's venv). */
  asUser?: true;
  /** Changes an object that existed before the plan and has no undo (rollback reports it as left). */
  noUndo?: true;
  /** For wfastcgi-enable/-disable: the appcmd command line that tool runs (wfastcgi's own arguments). */
  runs?: string[];
}
