// `npm run screenshots`: the README's pictures, taken from the real VS Code (code-server + headless Chromium,
// the integration harness) with the extension under development, on a copy of examples/ (three sites: a web.config
// copied from a blog post, a Flask app with wfastcgi, one with HttpPlatformHandler). It opens the blog copy,
// waits for its squiggles and captures, cropped to the workbench part that matters:
//   media/screenshots/problems.png     the Problems panel with the findings, the editor above it
//   media/screenshots/quick-fix.png    the quick-fix menu on WSGI_HANDLER "app:app"
//   media/screenshots/hover.png        the hover on scriptProcessor: its findings, explanations and code links
//   media/screenshots/new-project.png  New Flask on IIS Project: the first question (step 1/n)
// Not part of `npm test` (pictures are judged by eye). media/screenshots/ is left out of the .vsix (.vscodeignore);
// the Marketplace shows them from the repository. Usage: node scripts/screenshots.mjs [--out DIR]
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildExtension, repoRoot } from './integration/build-suite.mjs';
import { openWorkbench, stopAll } from './integration/code-server-session.mjs';
import { ensureInstalled } from './integration/install-vscode-server.mjs';

const outIndex = process.argv.indexOf('--out');
const OUT = outIndex > 0 ? process.argv[outIndex + 1] : join(repoRoot, 'media', 'screenshots');
const VIEWPORT = { width: 1180, height: 720 };
const SETTINGS = {
  'workbench.colorTheme': 'Default Light Modern',
  'editor.minimap.enabled': false,
  'editor.fontSize': 13,
  'editor.hover.delay': 200,
  'workbench.tips.enabled': false,
  'workbench.activityBar.location': 'hidden',
  'breadcrumbs.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  'chat.disableAIFeatures': true,
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** F1, then a Quick Open text (without the '>' it is a file or a :line:column), then Enter on the first match. */
async function quickOpen(page, text, { command = false } = {}) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(command ? `>${text}` : text);
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible', timeout: 15_000 });
  await sleep(300);
  await page.keyboard.press('Enter');
}

async function escapeAll(page) {
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  await sleep(300);
}

/** A screenshot of the union of the given elements' boxes (plus `pad` pixels), clipped to the viewport. */
async function capture(page, name, selectors, pad = 0, maxHeight = VIEWPORT.height) {
  const boxes = [];
  for (const s of selectors) {
    const box = await page.locator(s).first().boundingBox();
    if (box) boxes.push(box);
  }
  if (!boxes.length) throw new Error(`${name}: none of ${selectors.join(', ')} is visible`);
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - pad);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - pad);
  const right = Math.min(VIEWPORT.width, Math.max(...boxes.map((b) => b.x + b.width)) + pad);
  const bottom = Math.min(VIEWPORT.height, y + maxHeight, Math.max(...boxes.map((b) => b.y + b.height)) + pad);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, clip: { x, y, width: right - x, height: bottom - y } });
  console.log(`${path}: ${Math.round(right - x)}x${Math.round(bottom - y)}, ${Math.round(statSync(path).size / 1024)} KB`);
}

/** Puts the cursor at line:column of the active editor (Quick Open's ":line:column"). */
async function goTo(page, line, column) {
  await quickOpen(page, `:${line}:${column}`);
  await sleep(400);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  await buildExtension();
  const paths = await ensureInstalled();
  const session = await openWorkbench({ paths, extensionPath: repoRoot, workspace: join(repoRoot, 'examples'), workspaceName: 'home/sites', viewport: VIEWPORT, settings: SETTINGS });
  const { page } = session;
  try {
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.locator('.explorer-folders-view, .part.sidebar').first().waitFor({ timeout: 60_000 });
    await sleep(2_000);
    await quickOpen(page, 'blog-copy-wfastcgi/web.config');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
    await sleep(1_000);
    // The side bar takes room the pictures do not need.
    await quickOpen(page, 'View: Close Primary Side Bar', { command: true });
    await sleep(500);

    // 1. Problems panel, the editor above it.
    await quickOpen(page, 'View: Focus Problems (Errors, Warnings, Infos)', { command: true });
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 30_000 });
    await sleep(800);
    await capture(page, 'problems', ['.part.editor', '.part.panel']);

    // 2. The quick-fix menu on WSGI_HANDLER "app:app" (line 15).
    await quickOpen(page, 'View: Close Panel', { command: true });
    await sleep(400);
    await goTo(page, 15, 36);
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget').first().waitFor({ state: 'visible', timeout: 15_000 });
    await sleep(600);
    await capture(page, 'quick-fix', ['.part.editor'], 0, 440);
    await escapeAll(page);

    // 3. The hover on scriptProcessor's value (line 6): its findings and what the extension knows about it.
    const squiggle = page.locator('.monaco-editor .view-overlays .squiggly-error').first();
    await squiggle.waitFor({ timeout: 15_000 });
    const errors = await page.locator('.monaco-editor .view-overlays .squiggly-error').all();
    let target = squiggle;
    for (const w of errors) {
      const box = await w.boundingBox();
      const line = box && (await page.locator('.monaco-editor .view-lines .view-line').evaluateAll((els, y) => els.find((e) => { const r = e.getBoundingClientRect(); return r.top <= y && y < r.bottom; })?.textContent ?? '', box.y + box.height / 2));
      if (line && line.includes('scriptProcessor') && box.width > 100) target = w;
    }
    const box = await target.boundingBox();
    await page.mouse.move(box.x + Math.min(40, box.width / 2), box.y + box.height / 2);
    await page.locator('.monaco-hover:not(.hidden) .hover-contents, .monaco-resizable-hover .monaco-hover-content').first().waitFor({ state: 'visible', timeout: 15_000 });
    await sleep(800);
    await capture(page, 'hover', ['.part.editor'], 0, 460);
    await page.mouse.move(5, VIEWPORT.height - 5);
    await escapeAll(page);

    // 4. New Flask on IIS Project: the first question.
    await quickOpen(page, 'Flask on IIS: New Flask on IIS Project', { command: true });
    await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 15_000 });
    await sleep(1_200);
    await capture(page, 'new-project', ['.quick-input-widget'], 12);
    await escapeAll(page);
  } finally {
    await session.close();
  }
}

process.on('SIGINT', () => stopAll().finally(() => process.exit(130)));
main().then(() => process.exit(0), (err) => {
  console.error(`screenshots: ${err.stack ?? err.message}`);
  stopAll().finally(() => process.exit(1));
});
