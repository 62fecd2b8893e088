// The cohort report (`starlint check --format html`) in headless Chromium: the page loads
// with nothing from the network and no script error, its charts agree with its table, the
// table sorts when a heading is clicked, findings are marked in the answers' text with
// their messages on hover and focus, hostile input stays text, and the page prints.
// A screenshot of the top of the page goes to target/browser/; with STARLINT_BLESS=1 it
// also replaces docs/images/cohort-report.png (the README's), to be reviewed and committed.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, copyFileSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openPage } from "./lib/browser.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = process.env.STARLINT_BIN || join(ROOT, "target/debug/starlint");
const FIXTURES = ["seeds", "stories", "calibration", "holdout", "holdout2"].map((d) =>
  join(ROOT, "fixtures", d),
);
const work = mkdtempSync(join(tmpdir(), "starlint-browser-"));

/** Run starlint; exit 0 or 1 (answers below the bar) is success here. */
function starlint(args, input) {
  const run = spawnSync(BIN, args, { cwd: ROOT, input, encoding: "utf8", env: { ...process.env, CI: "true" } });
  assert.ok(run.status === 0 || run.status === 1, `starlint ${args.join(" ")}: ${run.status}\n${run.stderr}`);
  return run;
}

let report; // the page for the fixtures
let json; // the same batch as JSON, to check the page against

before(() => {
  report = join(work, "cohort.html");
  starlint(["check", "--isolated", "--format", "html", "-o", report, ...FIXTURES]);
  json = JSON.parse(starlint(["check", "--isolated", "--format", "json", ...FIXTURES]).stdout);
});

after(() => rmSync(work, { recursive: true, force: true }));

/** The table's rows as {verdict, score, source, findings}. */
async function tableRows(page) {
  return page.$$eval("#answers-table tbody tr", (rows) =>
    rows.map((r) => ({
      verdict: r.dataset.verdict,
      source: r.cells[1].textContent,
      score: r.cells[5].textContent === "–" ? null : Number(r.cells[5].textContent),
      findings: Number(r.cells[6].textContent),
    })),
  );
}

test("the page is self-contained and runs cleanly", async () => {
  const s = await openPage(report);
  try {
    assert.deepEqual(s.blocked(), [], "no request leaves the page");
    assert.deepEqual(s.errors, []);
    assert.equal(await s.page.title(), `Cohort report: ${json.answers.length} answers · starlint`);
    // Nothing overflows sideways on a laptop-sized window.
    const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the window`);
  } finally {
    await s.close();
  }
});

test("the verdict chart's bars count the table's rows and their lengths follow", async () => {
  const s = await openPage(report);
  try {
    const rows = await tableRows(s.page);
    assert.equal(rows.length, json.answers.length, "every answer has a row");
    const bars = await s.page.$$eval("#chart-verdicts g.verdict-bar", (gs) =>
      gs.map((g) => ({
        verdict: g.dataset.verdict,
        count: Number(g.dataset.count),
        width: g.querySelector("rect").getBoundingClientRect().width,
        label: g.querySelector("text").textContent,
      })),
    );
    assert.deepEqual(
      bars.map((b) => b.label),
      ["Strong Hire", "Hire", "Leaning No Hire", "No Hire"],
      "verdicts named in words, best first",
    );
    for (const b of bars) {
      assert.equal(b.count, rows.filter((r) => r.verdict === b.verdict).length, b.verdict);
      assert.equal(b.count, json.summary.by_verdict[b.verdict], b.verdict);
    }
    const max = Math.max(...bars.map((b) => b.count));
    const widest = Math.max(...bars.map((b) => b.width));
    for (const b of bars) {
      assert.ok(Math.abs(b.width / widest - b.count / max) < 0.02, `${b.verdict}: ${b.width}px for ${b.count}`);
    }
  } finally {
    await s.close();
  }
});

test("the histogram's bins hold every scored answer in its range", async () => {
  const s = await openPage(report);
  try {
    const rows = await tableRows(s.page);
    const bins = await s.page.$$eval("#chart-scores g.score-bin", (gs) =>
      gs.map((g) => ({
        from: Number(g.dataset.from),
        to: Number(g.dataset.to),
        count: Number(g.dataset.count),
        height: g.querySelector("rect").getBoundingClientRect().height,
      })),
    );
    assert.equal(bins.length, 20);
    const scored = rows.filter((r) => r.score !== null);
    assert.equal(bins.reduce((n, b) => n + b.count, 0), scored.length);
    for (const b of bins) {
      // A bin holds whole points: 4.5 is in 0-4 (scores are kept in tenths).
      const n = scored.filter((r) => Math.floor(r.score) >= b.from && Math.floor(r.score) <= b.to).length;
      assert.equal(b.count, n, `${b.from}-${b.to}`);
      assert.equal(b.height > 0, n > 0, `${b.from}-${b.to} drawn only when it holds answers`);
    }
    // Each bar is filled with a pattern, so the band does not rest on colour alone.
    const fills = await s.page.$$eval("#chart-scores rect.bin", (rs) => rs.map((r) => r.getAttribute("fill")));
    assert.ok(fills.every((f) => /^url\(#pat-/.test(f)));
  } finally {
    await s.close();
  }
});

test("findings by rule count the answers each rule fired on, most common first", async () => {
  const s = await openPage(report);
  try {
    const rules = await s.page.$$eval("#chart-rules g.rule", (gs) =>
      gs.map((g) => ({ code: g.dataset.rule, count: Number(g.dataset.count) })),
    );
    const expected = new Map();
    for (const a of json.answers) {
      for (const code of new Set(a.findings.map((f) => f.code))) expected.set(code, (expected.get(code) || 0) + 1);
    }
    assert.equal(rules.length, expected.size);
    for (const r of rules) assert.equal(r.count, expected.get(r.code), r.code);
    for (let i = 1; i < rules.length; i++) assert.ok(rules[i - 1].count >= rules[i].count, "sorted");
  } finally {
    await s.close();
  }
});

test("the breakdowns by LP and level add up", async () => {
  const s = await openPage(report);
  try {
    const tables = await s.page.$$eval("table.breakdown", (ts) =>
      ts.map((t) => ({
        title: t.dataset.breakdown,
        groups: Array.from(t.tBodies[0].rows).map((r) => ({
          id: r.dataset.group,
          answers: Number(r.cells[1].textContent),
          segments: r.querySelectorAll("rect.seg").length,
        })),
      })),
    );
    assert.deepEqual(tables.map((t) => t.title), ["Leadership Principle", "level"]);
    const by = (key) => {
      const m = new Map();
      for (const a of json.answers) m.set(a[key], (m.get(a[key]) || 0) + 1);
      return m;
    };
    for (const [t, key] of [[tables[0], "lp"], [tables[1], "level"]]) {
      const want = by(key);
      assert.equal(t.groups.length, want.size, t.title);
      for (const g of t.groups) {
        assert.equal(g.answers, want.get(g.id), `${t.title} ${g.id}`);
        assert.ok(g.segments >= 1);
      }
    }
  } finally {
    await s.close();
  }
});

test("the table starts worst first and sorts by a column when its heading is clicked", async () => {
  const s = await openPage(report);
  try {
    const { page } = s;
    let rows = await tableRows(page);
    const order = ["no_hire", "leaning_no_hire", "hire", "strong_hire"];
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      const ka = [order.indexOf(a.verdict), a.score];
      const kb = [order.indexOf(b.verdict), b.score];
      assert.ok(ka[0] < kb[0] || (ka[0] === kb[0] && ka[1] <= kb[1]), `worst first at row ${i}`);
    }
    const all = rows.map((r) => r.source).sort();
    const heading = (name) => page.locator("#answers-table thead th", { hasText: new RegExp(`^${name}`) });
    /** Click a heading's button; the rows are the same rows, in a new order. */
    const sortBy = async (name) => {
      await heading(name).locator("button").click();
      const sorted = await tableRows(page);
      assert.deepEqual(sorted.map((r) => r.source).sort(), all, "the same rows after sorting");
      return sorted;
    };
    rows = await sortBy("Score");
    const scores = rows.map((r) => r.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => a - b), "ascending by score");
    assert.equal(await heading("Score").getAttribute("aria-sort"), "ascending");
    rows = await sortBy("Score");
    assert.deepEqual(rows.map((r) => r.score), [...scores].sort((a, b) => b - a), "then descending");
    assert.equal(await heading("Score").getAttribute("aria-sort"), "descending");
    rows = await sortBy("Findings");
    const counts = rows.map((r) => r.findings);
    assert.deepEqual(counts, [...counts].sort((a, b) => a - b), "ascending by findings");
    assert.equal(await heading("Score").getAttribute("aria-sort"), null, "one sorted column at a time");
    rows = await sortBy("Answer");
    const names = rows.map((r) => r.source);
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
    assert.deepEqual(names, [...names].sort(collator.compare), "by name");
  } finally {
    await s.close();
  }
});

test("findings are marked in the text, with their message on hover and focus", async () => {
  const s = await openPage(report);
  try {
    const { page } = s;
    const marks = await page.$$eval("article.answer mark[data-rule]", (ms) =>
      ms.map((m) => ({ rule: m.dataset.rule, title: m.title, text: m.textContent })),
    );
    assert.ok(marks.length > 20, `${marks.length} marks`);
    for (const m of marks) {
      assert.ok(m.title.startsWith(`${m.rule} `), m.title);
      assert.ok(m.text.length > 0);
    }
    // Each marked finding's words are the ones its span names in the JSON.
    const first = json.answers.find((a) => a.findings.some((f) => f.name === "we-language"));
    const f = first.findings.find((x) => x.name === "we-language");
    const want = readFileSync(resolve(ROOT, first.source)).subarray(f.span.start, f.span.end).toString("utf8");
    const inArticle = await page.$$eval(
      "article.answer",
      (as, src) => {
        const a = as.find((x) => x.querySelector(".src").textContent === src);
        return Array.from(a.querySelectorAll('mark[data-rule="A001"]')).map((m) => m.textContent);
      },
      first.source,
    );
    assert.ok(inArticle.includes(want), `${JSON.stringify(want)} in ${JSON.stringify(inArticle)}`);
    // Focus shows the message without a mouse.
    const mark = page.locator("article.answer mark[tabindex]").first();
    await mark.focus();
    const tip = await mark.evaluate((m) => getComputedStyle(m, "::after").content);
    assert.ok(tip.includes(await mark.getAttribute("title")), tip);
    // Every finding link lands on an element that exists.
    const dangling = await page.$$eval("ol.findings a[href^='#']", (as) =>
      as.filter((a) => !document.getElementById(a.getAttribute("href").slice(1))).map((a) => a.href),
    );
    assert.deepEqual(dangling, []);
  } finally {
    await s.close();
  }
});

test("hostile ids, paths and texts stay text", async () => {
  const dir = join(work, "<script>evil");
  mkdirSync(dir, { recursive: true });
  const story = readFileSync(join(ROOT, "fixtures/seeds/000-weak.md"), "utf8");
  writeFileSync(join(dir, "<img src=x onerror=window.__pwned=1>.md"), `${story}\n<script>window.__pwned=2</script>\n`);
  const lines = [
    { id: "<script>window.__pwned=3</script>", answer: `${story}<b onmouseover=window.__pwned=4>bold</b>` },
  ].map((l) => JSON.stringify(l)).join("\n");
  const jsonl = join(work, "hostile.jsonl");
  writeFileSync(jsonl, lines);
  const page1 = join(work, "hostile-files.html");
  const page2 = join(work, "hostile-lines.html");
  starlint(["check", "--isolated", "--format", "html", "-o", page1, dir]);
  starlint(["check", "--isolated", "--input", "jsonl", "--format", "html", "-o", page2, jsonl]);
  for (const [file, shown] of [
    [page1, ["<img src=x onerror=window.__pwned=1>.md", "<script>window.__pwned=2</script>"]],
    [page2, ["<script>window.__pwned=3</script>", "<b onmouseover=window.__pwned=4>bold</b>"]],
  ]) {
    const s = await openPage(file);
    try {
      await s.page.hover("article.answer .sec-body");
      assert.equal(await s.page.evaluate(() => window.__pwned), undefined);
      assert.equal(await s.page.locator("script").count(), 1, "only the page's own script");
      const text = await s.page.evaluate(() => document.body.innerText);
      for (const t of shown) assert.ok(text.includes(t), `${t} is shown as text`);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  }
});

test("the page prints: no navigation, charts kept", async () => {
  const s = await openPage(report, { media: "print" });
  try {
    const nav = await s.page.$eval(".top nav", (n) => getComputedStyle(n).display);
    assert.equal(nav, "none");
    assert.ok((await s.page.locator("#chart-verdicts").boundingBox()).width > 0);
    const pdf = await s.page.pdf({ format: "A4" });
    assert.ok(pdf.length > 10000 && pdf.subarray(0, 4).toString() === "%PDF");
  } finally {
    await s.close();
  }
});

test("screenshot of the top of the page", async () => {
  const s = await openPage(report, { viewport: { width: 1200, height: 1500 } });
  try {
    const out = join(ROOT, "target/browser/cohort-report.png");
    mkdirSync(dirname(out), { recursive: true });
    await s.page.screenshot({ path: out });
    const png = readFileSync(out);
    assert.equal(png.subarray(1, 4).toString(), "PNG");
    assert.equal(png.readUInt32BE(16), 1200, "as wide as the window");
    if (process.env.STARLINT_BLESS) {
      mkdirSync(join(ROOT, "docs/images"), { recursive: true });
      copyFileSync(out, join(ROOT, "docs/images/cohort-report.png"));
    }
  } finally {
    await s.close();
  }
});
