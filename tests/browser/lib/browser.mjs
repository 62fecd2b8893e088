// Open a page in headless Chromium for a test: a local file or a URL, in a fresh profile,
// with the network shut off except for what the test allows.
//
// Debian's `chromium` (not a browser downloaded by Playwright) driven by playwright-core:
// no second browser to keep in step, and the same binary a user's machine has. Every
// launch gets its own throwaway --user-data-dir, so no state leaks between tests.
//
//   const session = await openPage("/tmp/report.html");           // or "http://127.0.0.1:7878/"
//   try { await session.page.click("…"); } finally { await session.close(); }
//
// `session.requests` lists every URL the page asked for and `session.errors` every
// uncaught exception and console error, so a test can assert that a page is
// self-contained and runs cleanly.

import { chromium } from "playwright-core";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A file path or a URL, as a URL. */
export function toUrl(target) {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) ? target : pathToFileURL(resolve(target)).href;
}

/**
 * Open `target` (a path or a URL) in a new headless Chromium.
 * Options: `viewport` ({width, height}), `allow` (a predicate on request URLs that may
 * go out; by default only file: and data: URLs and `target`'s own origin when it is
 * http(s)), `media` ("screen" or "print").
 */
export async function openPage(target, options = {}) {
  const url = toUrl(target);
  const own = /^https?:/.test(url) ? new URL(url).origin : null;
  const allow =
    options.allow ||
    ((u) => u.startsWith("file:") || u.startsWith("data:") || (own !== null && u.startsWith(own)));
  const profile = await mkdtemp(join(tmpdir(), "starlint-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: options.viewport || { width: 1280, height: 900 },
      deviceScaleFactor: options.deviceScaleFactor || 1,
    });
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
  const requests = [];
  const errors = [];
  await context.route("**/*", (route) => {
    const u = route.request().url();
    requests.push(u);
    return allow(u) ? route.continue() : route.abort("blockedbyclient");
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  if (options.media) await page.emulateMedia({ media: options.media });
  await page.goto(url, { waitUntil: "load" });
  return {
    page,
    context,
    requests,
    errors,
    /** Requests that went anywhere `allow` does not permit. */
    blocked: () => requests.filter((u) => !allow(u)),
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
