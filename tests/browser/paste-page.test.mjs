// The paste page (`starlint serve`) in headless Chromium: an answer typed with curly
// quotes, an em dash and an emoji before the words that must be marked (spans are UTF-8
// byte offsets; the page must turn them into string indices), the verdict, hover, caret
// and keyboard access to each finding, the report copied as Markdown, the dimension
// ratings, a text that is not an answer, one practice round, and the quiz. Screenshots go to
// target/browser/; with STARLINT_BLESS=1 they also replace docs/images/paste-page.png and
// docs/images/practice.png (the README's), to be reviewed and committed.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, copyFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openPage } from "./lib/browser.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = process.env.STARLINT_BIN || join(ROOT, "target/debug/starlint");
const SHOTS = join(ROOT, "target/browser");

// Curly quotes, an em dash and an emoji all come before "We", "escalated" and "they
// fixed it", so a page that counted bytes as characters would mark the wrong words.
const ANSWER =
  "Situation: On our 28-bed ward, “discharges” took four hours — patients 😟 waited for beds. " +
  "It was pharmacy’s process, not mine, and nobody had asked me.\n" +
  "Task: I decided to find where the wait was.\n" +
  "Action: We figured out the root cause together. I timed forty discharges and found the wait came " +
  "before pharmacy saw the prescription. I escalated it to the pharmacy manager and they fixed it.\n" +
  "Result: Things got better and the team was happy.\n" +
  "Reflection: I learned communication is important.\n";

let server;
let url;

before(async () => {
  server = spawn(BIN, ["serve", "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  url = await new Promise((ok, fail) => {
    let err = "";
    server.stderr.on("data", (d) => {
      err += d;
      const m = err.match(/http:\/\/\S+/);
      if (m) ok(m[0]);
    });
    server.on("exit", (code) => fail(new Error(`starlint serve exited ${code}: ${err}`)));
  });
  mkdirSync(SHOTS, { recursive: true });
});

after(() => server && server.kill());

/** The report the API gives for ANSWER (what the page must show). */
async function report(body) {
  const r = await fetch(new URL("/api/check", url), { method: "POST", body: JSON.stringify(body) });
  assert.equal(r.status, 200);
  return (await r.json()).answers[0];
}

/** The words of `text` at byte span `s`, cut in bytes (independent of the page's mapping). */
function bytesSlice(text, s) {
  return Buffer.from(text, "utf8").subarray(s.start, s.end).toString("utf8");
}

async function typeAnswer(page, text) {
  await page.waitForSelector("body[data-ready=true]");
  await page.selectOption("#lp", "ownership");
  await page.locator("#answer").click();
  // Typed key by key (Enter for each line), as a candidate would.
  await page.locator("#answer").pressSequentially(text, { delay: 0 });
  await page.waitForFunction((t) => document.querySelector("#answer").value === t, text);
  await page.waitForSelector("#verdict[data-verdict]");
  // The drawn report is for the whole text, not a prefix typed earlier.
  await page.waitForFunction(() => /^Scored in/.test(document.querySelector("#status").textContent));
}

test("typing an answer marks the right words and shows the verdict", async () => {
  const s = await openPage(url, { viewport: { width: 1400, height: 1000 } });
  try {
    const page = s.page;
    await typeAnswer(page, ANSWER);
    const expected = await report({ answer: ANSWER, lp: "ownership", level: "mid" });
    assert.equal(await page.getAttribute("#verdict", "data-verdict"), expected.verdict);
    const names = { no_hire: "No Hire", leaning_no_hire: "Leaning No Hire", hire: "Hire", strong_hire: "Strong Hire" };
    assert.equal(await page.textContent("#verdict-word"), names[expected.verdict], "the verdict in words");
    assert.equal(await page.textContent("#verdict-score"), `${expected.score}/100`);
    assert.equal(await page.textContent("#bar-raiser"), expected.bar_raiser);

    // Each word-level finding's marks hold exactly its words.
    const marks = await page.$$eval("#highlights mark", (ms) => ms.map((m) => ({ rule: m.dataset.rule, findings: m.dataset.findings.split(" ").map(Number), text: m.textContent })));
    const checked = [];
    for (const [i, f] of expected.findings.entries()) {
      const pieces = marks.filter((m) => m.findings.includes(i));
      if (!pieces.length) continue;
      assert.equal(pieces.map((p) => p.text).join("").trim(), bytesSlice(ANSWER, f.span).trim(), `${f.code} ${f.name}`);
      checked.push(f.name);
    }
    for (const name of ["we-language", "handoff-language"]) assert.ok(checked.includes(name), `${name} is marked (${checked})`);
    const we = expected.findings.find((f) => f.name === "we-language");
    assert.equal(bytesSlice(ANSWER, we.span), "We figured");
    assert.ok(marks.some((m) => m.rule === we.code && m.text === "We figured"), "“We figured” is marked as we-language");
    assert.ok(marks.some((m) => m.text === "escalated"), "“escalated” is marked");
    // Marked text and plain text together are exactly the answer (nothing shifted).
    const shown = await page.$eval("#highlights", (h) => h.textContent.replace(/\u200b$/, ""));
    assert.equal(shown, ANSWER);
    // Severity is in words too: each finding in the list names it.
    const severities = await page.$$eval("#findings .finding-btn .sev", (xs) => xs.map((x) => x.textContent));
    assert.equal(severities.length, expected.findings.length);
    assert.ok(severities.every((x) => ["error", "warning", "info"].includes(x)));
    // Sections with timings, missing ones named.
    const sections = await page.$$eval("#sections li", (ls) => ls.map((l) => l.textContent));
    assert.equal(sections.length, 5);
    assert.ok(sections.some((t) => / s \/ 90 s/.test(t)), sections.join(" | "));
    assert.deepEqual(s.errors, []);
    assert.deepEqual(s.blocked(), [], "nothing leaves the page");
    await page.screenshot({ path: join(SHOTS, "paste-page.png"), fullPage: false });
    if (process.env.STARLINT_BLESS) copyFileSync(join(SHOTS, "paste-page.png"), join(ROOT, "docs/images/paste-page.png"));
  } finally {
    await s.close();
  }
});

test("hover, the caret and the keyboard each show message, help and a strong example", async () => {
  const s = await openPage(url);
  try {
    const page = s.page;
    await typeAnswer(page, ANSWER);
    const expected = await report({ answer: ANSWER, lp: "ownership", level: "mid" });
    const handoff = expected.findings.find((f) => f.name === "handoff-language");
    // Hover the marked "escalated".
    const box = await page.evaluate(() => {
      const m = [...document.querySelectorAll("#highlights mark")].find((x) => x.textContent === "escalated");
      const r = m.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.move(box.x, box.y);
    await page.waitForSelector("#tooltip:not([hidden])");
    const tip = await page.textContent("#tooltip");
    assert.ok(tip.includes(handoff.message), tip);
    assert.ok(tip.includes(handoff.help), tip);
    assert.ok(tip.includes("Strong: "), "a strong example from the rule");
    await page.mouse.move(5, 5);
    await page.waitForSelector("#tooltip[hidden]", { state: "attached" });

    // The caret inside "We" (UTF-16 index of the byte span's start, plus one).
    const weIndex = ANSWER.indexOf("We figured");
    await page.focus("#answer");
    await page.evaluate((i) => document.querySelector("#answer").setSelectionRange(i, i), weIndex + 1);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowLeft");
    const atCaret = await page.textContent("#caret-finding");
    const we = expected.findings.find((f) => f.name === "we-language");
    assert.ok(atCaret.includes(we.message), atCaret);

    // Keyboard: Tab to a finding, Enter opens it and selects its words in the answer.
    const index = expected.findings.indexOf(handoff);
    const button = page.locator(`#findings li[data-finding="${index}"] .finding-btn`);
    await button.focus();
    await page.keyboard.press("Enter");
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    const detail = await page.locator(`#finding-${index}`).textContent();
    assert.ok(detail.includes(handoff.help) && detail.includes("Strong: "), detail);
    const selected = await page.evaluate(() => {
      const t = document.querySelector("#answer");
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    assert.equal(selected, bytesSlice(ANSWER, handoff.span).trim());
    // Every control has a label.
    const unlabelled = await page.$$eval("select, input, textarea", (xs) =>
      xs.filter((x) => !x.closest("label") && !document.querySelector(`label[for="${x.id}"]`) && x.type !== "radio" && !x.classList.contains("offscreen")).map((x) => x.id));
    assert.deepEqual(unlabelled, []);
  } finally {
    await s.close();
  }
});

test("the report copies as Markdown, and the dimension ratings are drawn", async () => {
  const s = await openPage(url);
  try {
    const page = s.page;
    await s.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url).origin });
    // The real report, with one evidence note made hostile: notes are drawn as text.
    await page.route("**/api/check", async (route) => {
      const r = await route.fetch();
      const doc = await r.json();
      const dims = doc.answers[0].dimensions || [];
      const withEvidence = dims.find((d) => (d.evidence || []).length);
      if (withEvidence) withEvidence.evidence[0].note = `<b>${withEvidence.evidence[0].note}</b>`;
      await route.fulfill({ response: r, json: doc });
    });
    await typeAnswer(page, ANSWER);
    const expected = await report({ answer: ANSWER, lp: "ownership", level: "mid" });
    assert.equal(expected.dimensions.length, 7, "the contract's seven dimensions");
    const rows = await page.$$eval("#dimensions tbody tr", (rs) => rs.map((r) => ({
      name: r.dataset.dimension,
      rating: r.querySelector(".rating").textContent,
      value: (r.querySelector(".dim-value") || { textContent: "" }).textContent.trim(),
      evidence: [...r.querySelectorAll(".evidence li")].reduce((n, li) => n + Number(li.dataset.count), 0),
      html: r.innerHTML,
    })));
    assert.deepEqual(rows.map((r) => r.name), expected.dimensions.map((d) => d.name), "every dimension, in the contract's order");
    for (const [i, d] of expected.dimensions.entries()) {
      assert.equal(rows[i].rating, d.rating.replace("_", " "), `${d.name}: the rating in words`);
      assert.equal(rows[i].value, `${Math.round(d.value * 100)}%`, `${d.name}: its value`);
      assert.equal(rows[i].evidence, d.evidence.length, `${d.name}: each piece of evidence`);
    }
    assert.ok(rows.every((r) => !r.html.includes("<b>")), "evidence notes are text, not HTML");
    assert.ok(!(await page.$eval("#dimensions", (t) => t.textContent)).includes("+  ("), "evidence without a note quotes the answer");
    if (expected.field) assert.ok((await page.textContent("#verdict-for")).includes(`field: ${expected.field}`));
    await page.click("#copy-md");
    await page.waitForFunction(() => document.querySelector("#copy-status").textContent === "Copied.");
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(md.startsWith(`# starlint: `), md);
    assert.ok(md.includes(`(${expected.score}/100)`), `the score as the API gives it (${expected.score})\n${md}`);
    for (const part of ["**Bar Raiser thinks:**", "## Dimensions", "| ownership |", "## Sections", "## Findings", "we-language", "(“We figured”)"]) {
      assert.ok(md.includes(part), `${part} in\n${md}`);
    }
  } finally {
    await s.close();
  }
});

test("a text that is not an answer: one note, nothing marked, no follow-ups", async () => {
  const s = await openPage(url);
  try {
    const page = s.page;
    const text = "Trust is earned through consistency and honest communication.";
    await page.waitForSelector("body[data-ready=true]");
    await page.fill("#answer", text);
    await page.waitForSelector("#verdict[data-verdict]");
    await page.waitForFunction(() => /^Scored in/.test(document.querySelector("#status").textContent));
    const expected = await report({ answer: text, lp: "general", level: "mid" });
    assert.deepEqual(expected.findings.map((f) => f.name), ["not-an-answer"]);
    assert.equal(await page.getAttribute("#verdict", "data-verdict"), "no_hire");
    assert.equal(await page.textContent("#verdict-score"), "0/100");
    assert.equal(await page.textContent("#bar-raiser"), expected.bar_raiser);
    // The one finding is listed as being about the whole answer, not drawn over all of it.
    assert.equal(await page.$$eval("#highlights mark", (ms) => ms.length), 0);
    const findings = await page.$$eval("#findings li", (ls) => ls.map((l) => l.textContent));
    assert.equal(findings.length, 1);
    assert.ok(findings[0].includes("not-an-answer") && findings[0].includes("the whole answer"), findings[0]);
    assert.deepEqual(await page.$$eval("#probes li", (ls) => ls.map((l) => l.textContent)), ["None for this answer."]);
    const ratings = await page.$$eval("#dimensions tbody .rating", (xs) => xs.map((x) => x.textContent));
    assert.deepEqual(ratings, expected.dimensions.map(() => "missing"));
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test("answer text is inserted as text, never as HTML", async () => {
  const s = await openPage(url);
  try {
    const page = s.page;
    const hostile = "Action: We <img src=x onerror=\"document.body.dataset.pwned=1\"> fixed <b>it</b> & more.\nResult: things got better.";
    await page.waitForSelector("body[data-ready=true]");
    await page.fill("#answer", hostile);
    await page.waitForSelector("#verdict[data-verdict]");
    await page.waitForFunction(() => /^Scored in/.test(document.querySelector("#status").textContent));
    assert.equal(await page.$("#highlights img"), null);
    assert.equal(await page.$("#highlights b"), null);
    assert.equal(await page.evaluate(() => document.body.dataset.pwned), undefined);
    assert.equal(await page.$eval("#highlights", (h) => h.textContent.replace(/\u200b$/, "")), hostile);
  } finally {
    await s.close();
  }
});

test("a practice round: question, answer, a follow-up judged, summary", async () => {
  const s = await openPage(url, { viewport: { width: 1280, height: 1100 } });
  try {
    const page = s.page;
    await page.waitForSelector("body[data-ready=true]");
    // Keyboard: the tabs move with the arrow keys.
    await page.focus("#tab-check");
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.getAttribute("#tab-practice", "aria-selected"), "true");
    await page.waitForFunction(() => document.querySelector("#p-question").textContent.length > 10);
    await page.selectOption("#p-field", "healthcare");
    await page.fill("#p-answer", ANSWER);
    await page.click("#p-submit");
    await page.waitForSelector("#p-step-report");
    const first = page.locator("li.followup").first();
    await first.waitFor();
    const probe = await first.getAttribute("data-probe");
    // A reply the seeds call weak, whatever was asked first: routing the problem.
    const replies = {
      "handoff-follow-up": ["I did escalate it - I sent them a Slack message and they handled it.", "weak"],
      "we-contribution": ["We figured out the root cause together.", "weak"],
      "quantify-missing": ["The team told me that number.", "weak"],
      "differently-generic": ["I would communicate more with the pharmacy team.", "weak"],
    };
    const [reply, verdict] = replies[probe] || ["I did escalate it and they handled it.", "weak"];
    await first.locator("textarea").fill(reply);
    await first.locator("button").click();
    await first.locator(".judgement").waitFor();
    assert.equal(await first.locator(".judgement").getAttribute("data-verdict"), verdict);
    const headline = await first.locator(".headline").textContent();
    assert.ok(headline.startsWith("Weak: "), headline);
    assert.ok((await first.locator(".strong-ex").textContent()).startsWith("A strong reply: "));
    // Answer the rest, then the summary counts every reply.
    let n = 1;
    for (;;) {
      const open = page.locator("li.followup:not(:has(.judgement))");
      if ((await open.count()) === 0) break;
      await open.first().locator("textarea").fill("I pulled the discharge records for four weeks before and after; the median wait fell from 3.5 hours to 1.2.");
      await open.first().locator("button").click();
      await page.waitForFunction((k) => document.querySelectorAll("li.followup .judgement").length >= k, n + 1);
      n++;
    }
    await page.waitForSelector("#p-summary:not([hidden])");
    const summary = await page.textContent("#p-summary");
    assert.match(summary, new RegExp(`Follow-ups: ${n} repl(y|ies): \\d strong, \\d adequate, [1-9]\\d* weak\\.`));
    // The score goes back to the server as the report gave it (a decimal such as 52.9).
    const landed = await page.textContent("#p-step-report .question");
    const score = landed.match(/ · (\d+(?:\.\d)?)\/100$/)[1];
    assert.ok(summary.includes(`(${score}/100)`), `${landed} | ${summary}`);
    assert.deepEqual(s.errors, []);
    await page.locator("li.followup").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "practice.png"), fullPage: false });
    if (process.env.STARLINT_BLESS) copyFileSync(join(SHOTS, "practice.png"), join(ROOT, "docs/images/practice.png"));
  } finally {
    await s.close();
  }
});

test("the quiz marks the right option with the rubric's reason", async () => {
  const s = await openPage(url);
  try {
    const page = s.page;
    await page.waitForSelector("body[data-ready=true]");
    await page.click("#tab-quiz");
    const q = page.locator('[data-quiz="ownership-action"]');
    await q.waitFor();
    assert.equal(await q.locator("legend").textContent(), "1. Which phrase best demonstrates ownership in the Action step?");
    await q.getByLabel("We figured out the root cause together.").check();
    assert.ok((await q.locator(".result").textContent()).startsWith("Not quite."));
    await q.getByLabel(/I pulled the logs and traced the failure/).check();
    assert.ok((await q.locator(".result").textContent()).startsWith("Right."));
    assert.match(await page.textContent("#quiz-score"), /^1 of \d+ right so far\.$/);
  } finally {
    await s.close();
  }
});
