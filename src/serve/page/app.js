// starlint paste page: scores the answer as it is typed, marks the words that cost it,
// and runs a practice round and the quick quiz. Everything comes from this server's API.
//
// Rules kept here:
// - Answer text (and every string from the API) goes into the page with textContent or
//   createTextNode, never as HTML.
// - Spans are byte offsets into the UTF-8 text; JavaScript strings index UTF-16 code
//   units, so every span goes through byteIndex() (curly quotes are 3 bytes and 1 unit,
//   an emoji 4 bytes and 2 units).
// - A report is only drawn over the text it was computed for.
"use strict";

const VERDICTS = {
  strong_hire: "Strong Hire",
  hire: "Hire",
  leaning_no_hire: "Leaning No Hire",
  no_hire: "No Hire",
};
const SECTIONS = ["situation", "task", "action", "result", "reflection"];
const SECTION_NAMES = { situation: "Situation", task: "Task", action: "Action", result: "Result", reflection: "Reflection" };
const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };
const LABEL_ROOM = 40; // as the HTML report: a finding over a whole section is a note, not a mark
const DEBOUNCE_MS = 220;

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("data-") || k.startsWith("aria-") || k === "role" || k === "for" || k === "type" || k === "name" || k === "value" || k === "id" || k === "hidden" || k === "tabindex") e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
};

// ---------------------------------------------------------------------------------------
// Byte offsets to string indices

/** A function mapping a UTF-8 byte offset of `text` to its UTF-16 index. */
function byteIndex(text) {
  const starts = []; // [byte offset, utf16 index] at each code point
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i);
    starts.push([b, i]);
    b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (c > 0xffff) i++;
  }
  const total = b;
  return (offset) => {
    if (offset >= total) return text.length;
    if (offset <= 0) return 0;
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid][0] <= offset) lo = mid; else hi = mid - 1;
    }
    return starts[lo][1];
  };
}

// ---------------------------------------------------------------------------------------
// API

async function api(path, body) {
  const init = body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  const r = await fetch(path, init);
  let data = null;
  try { data = await r.json(); } catch (_) { /* not JSON */ }
  if (!r.ok) throw new Error((data && data.error) || `${r.status} ${r.statusText}`);
  return data;
}

const state = {
  rules: new Map(), // code -> rule from /api/rules
  seq: 0, // request counter: only the latest reply is drawn
  answer: null, // the last report drawn
  text: "", // the text it was computed for
  where: [], // [{finding, start, end, place}] in UTF-16 indices
};

function fillSelect(select, items, selected) {
  for (const it of items) {
    const o = el("option", { value: it.id, text: it.name });
    if (it.id === selected) o.selected = true;
    select.append(o);
  }
}

// ---------------------------------------------------------------------------------------
// Scoring as the candidate types

let timer = null;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(score, DEBOUNCE_MS);
}

function request(answer) {
  const body = { answer, lp: $("lp").value, level: $("level").value };
  if ($("field").value) body.field = $("field").value;
  const q = $("question").value.trim();
  if (q) body.question = q;
  return body;
}

async function score() {
  const text = $("answer").value;
  try { localStorage.setItem("starlint.draft", text); } catch (_) { /* private mode */ }
  if (!text.trim()) {
    state.seq++;
    clearReport();
    $("status").textContent = "Paste or type a STAR answer; it is scored as you type.";
    return;
  }
  const seq = ++state.seq;
  const t0 = performance.now();
  $("status").textContent = "Scoring…";
  try {
    const doc = await api("/api/check", request(text));
    if (seq !== state.seq) return; // a newer request is on its way
    if ($("answer").value !== text) return; // typed since: the next request will draw
    const ms = Math.round(performance.now() - t0);
    drawReport(doc.answers[0], text);
    $("status").textContent = `Scored in ${ms} ms · ${countWords(text)} words`;
  } catch (e) {
    if (seq === state.seq) $("status").textContent = `Could not score: ${e.message}`;
  }
}

function countWords(text) {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

function clearReport() {
  state.answer = null;
  state.where = [];
  $("highlights").replaceChildren(document.createTextNode($("answer").value));
  const v = $("verdict");
  v.className = "card verdict empty";
  v.removeAttribute("data-verdict");
  $("verdict-word").textContent = "No answer yet";
  $("verdict-score").textContent = "";
  $("verdict-for").textContent = "";
  $("meter-fill").style.width = "0";
  $("bar-raiser").textContent = "The summary an interviewer would write, composed from this answer's findings.";
  $("bar-raiser").classList.add("muted");
  $("dimensions-card").hidden = true;
  for (const id of ["sections", "findings", "probes"]) $(id).replaceChildren();
  $("findings-count").textContent = "";
  $("caret-finding").replaceChildren();
}

// ---------------------------------------------------------------------------------------
// Drawing a report

/** `from..to` without the whitespace at either end. */
function trim(text, from, to) {
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  return [from, to];
}

/**
 * Where each finding goes, as the HTML report decides: words are marked; a finding over
 * a whole section (or the whole answer) is a note, not a mark over all of it; an empty
 * span (something absent) has no place in the text. Indices are UTF-16.
 */
function placeFindings(answer, text) {
  const at = byteIndex(text);
  const sections = (answer.sections || [])
    .map((s) => { const [from, to] = trim(text, at(s.start), at(s.end)); return { name: s.name, from, to }; })
    .filter((s) => s.from < s.to)
    .sort((x, y) => x.from - y.from);
  const first = sections.length ? sections[0].from : 0;
  const last = sections.length ? sections[sections.length - 1].to : text.length;
  const [textFrom, textTo] = trim(text, 0, text.length);
  return answer.findings.map((f, i) => {
    const [start, end] = trim(text, at(f.span.start), at(f.span.end));
    if (start >= end) return { f, i, start, end, place: "nowhere" };
    if (sections.length > 1 && start <= first + LABEL_ROOM && end >= last) return { f, i, start, end, place: "whole" };
    // A finding about the whole answer over all of its text (`not-an-answer`, which comes
    // with no sections at all) is a note too.
    if (!f.section && start <= textFrom + LABEL_ROOM && end >= textTo) return { f, i, start, end, place: "whole" };
    const whole = sections.find((s) => start >= s.from && start <= s.from + LABEL_ROOM && end >= s.to);
    if (whole) return { f, i, start, end, place: "section", section: whole.name };
    return { f, i, start, end, place: "words" };
  });
}

function severityOf(codes) {
  let best = "info";
  for (const s of codes) if (SEVERITY_RANK[s] > SEVERITY_RANK[best]) best = s;
  return best;
}

/** The text with a <mark> over every piece some finding covers (pieces split where marks overlap). */
function drawHighlights(text, where) {
  const marks = where.filter((w) => w.place === "words");
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(m.start); cuts.add(m.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k], b = points[k + 1];
    const piece = text.slice(a, b);
    const over = marks.filter((m) => m.start <= a && m.end >= b);
    if (!over.length) { out.push(document.createTextNode(piece)); continue; }
    over.sort((x, y) => SEVERITY_RANK[y.f.severity] - SEVERITY_RANK[x.f.severity]);
    const top = over[0];
    out.push(el("mark", {
      class: `sev-${severityOf(over.map((m) => m.f.severity))}`,
      "data-rule": top.f.code,
      "data-rules": over.map((m) => m.f.code).join(" "),
      "data-findings": over.map((m) => m.i).join(" "),
      text: piece,
    }));
  }
  // A final newline needs a character after it to take up a line in the backdrop.
  out.push(document.createTextNode("\u200b"));
  $("highlights").replaceChildren(...out);
}

function ruleOf(code) {
  return state.rules.get(code) || null;
}

/** Message, help and a strong example for a finding. */
function findingDetail(f) {
  const rule = ruleOf(f.code);
  const box = el("div", { class: "finding-detail" });
  box.append(el("p", {},
    el("span", { class: `sev sev-${f.severity}`, text: f.severity }),
    el("span", { class: "code", text: `${f.code} ` }),
    el("strong", { text: f.name })));
  box.append(el("p", { text: f.message }));
  box.append(el("p", {}, el("span", { class: "label", text: "Instead: " }), document.createTextNode(f.help)));
  if (rule && rule.strong && rule.strong.length) {
    box.append(el("p", { class: "strong-ex" }, el("span", { class: "label", text: "Strong: " }), document.createTextNode(rule.strong[0])));
  }
  return box;
}

function drawVerdict(a) {
  const v = $("verdict");
  v.className = "card verdict";
  if (!a.verdict) {
    v.removeAttribute("data-verdict");
    $("verdict-word").textContent = "Not scored";
    $("verdict-score").textContent = "";
    $("verdict-for").textContent = a.error || "";
    $("meter-fill").style.width = "0";
    return;
  }
  v.setAttribute("data-verdict", a.verdict);
  $("verdict-word").textContent = VERDICTS[a.verdict] || a.verdict;
  $("verdict-score").textContent = `${a.score}/100`;
  const lp = $("lp").selectedOptions[0];
  const level = $("level").selectedOptions[0];
  let line = `for ${lp ? lp.textContent : a.lp} at ${level ? level.textContent : a.level}`;
  if (a.field) line += ` · field: ${a.field}`;
  $("verdict-for").textContent = line + " · Hire from 70, Strong Hire from 85";
  $("meter-fill").style.width = `${Math.max(0, Math.min(100, a.score))}%`;
}

/** A dimension's value (credit less penalties over its target, 0 to 1) as a percentage. */
function percent(value) {
  return typeof value === "number" && Number.isFinite(value) ? `${Math.round(Math.max(0, Math.min(1, value)) * 100)}%` : "";
}

/** The answer's words at byte span `span`, shortened, for evidence that has no note. */
function quoteOf(text, span) {
  if (!span) return "";
  const at = byteIndex(text);
  const words = text.slice(at(span.start), at(span.end)).trim().replace(/\s+/g, " ");
  if (!words) return "";
  return `“${words.length > 80 ? `${words.slice(0, 79)}…` : words}”`;
}

function drawDimensions(a, text) {
  const card = $("dimensions-card");
  const dims = Array.isArray(a.dimensions) ? a.dimensions : [];
  card.hidden = dims.length === 0;
  const body = $("dimensions").tBodies[0];
  body.replaceChildren();
  for (const d of dims) {
    // Evidence in text order, one line per distinct note ("… ×3"), folded away under a
    // count so that the ratings stay in view.
    const lines = new Map();
    for (const e of d.evidence || []) {
      const sign = e.stance === "for" ? "+ " : "− ";
      const line = sign + (e.note || quoteOf(text, e.span)) + (e.rule ? ` (${e.rule})` : "");
      const seen = lines.get(line);
      if (seen) seen.count++; else lines.set(line, { stance: e.stance, count: 1 });
    }
    const ev = el("ul", { class: "evidence" });
    for (const [line, { stance, count }] of lines) {
      ev.append(el("li", { "data-stance": stance, "data-count": String(count), text: count > 1 ? `${line} ×${count}` : line }));
    }
    const n = (stance) => (d.evidence || []).filter((e) => e.stance === stance).length;
    const evidence = lines.size
      ? el("details", {}, el("summary", { text: `${n("for")} for · ${n("against")} against` }), ev)
      : el("span", { class: "muted", text: "none" });
    const rating = String(d.rating || "");
    const value = percent(d.value);
    body.append(el("tr", { "data-dimension": d.name },
      el("th", { scope: "row", text: d.name }),
      el("td", {},
        el("span", { class: `rating rating-${rating}`, text: rating.replace("_", " ") }),
        value ? el("span", { class: "dim-value", title: "credit less penalties, against the dimension's target", text: ` ${value}` }) : null),
      el("td", { text: d.weight === 0 ? "not weighed" : `×${d.weight}` }),
      el("td", {}, evidence)));
  }
}

function drawSections(a) {
  const list = $("sections");
  list.replaceChildren();
  const found = new Map();
  for (const s of a.sections || []) if (!found.has(s.name)) found.set(s.name, s);
  for (const name of SECTIONS) {
    const s = found.get(name);
    if (!s) {
      list.append(el("li", { "data-section": name },
        el("span", { text: SECTION_NAMES[name] }),
        el("span", { class: "missing", text: "missing" }),
        el("span", { class: "time missing", text: "—" })));
      continue;
    }
    const ratio = s.target_seconds > 0 ? s.seconds / s.target_seconds : 0;
    const over = ratio > 1.5;
    // The bar runs to 1.5x the target (where a section is well over it), with a tick at the
    // target: time past the target shows in the warning colour, so 24 s of 20 s reads as
    // over, not as full.
    const bar = el("span", { class: "bar", role: "img", "aria-label": `${Math.round(ratio * 100)}% of the target` }, el("span"));
    bar.firstChild.style.width = `${Math.min(1, ratio / 1.5) * 100}%`;
    if (ratio > 1 && !over) {
      const at = 100 / ratio;
      bar.firstChild.style.background = `linear-gradient(to right, var(--accent) ${at}%, var(--warning) ${at}%)`;
    }
    const li = el("li", { "data-section": name, class: over ? "over" : "" },
      el("span", { text: SECTION_NAMES[name] }),
      bar,
      el("span", { class: "time", text: `${Math.round(s.seconds)} s / ${Math.round(s.target_seconds)} s` }));
    li.append(el("span", { class: "note", text: `${s.words} words · ${s.labelled ? "labelled" : "inferred"}${over ? " · well over its target" : ""}` }));
    list.append(li);
  }
}

function selectFinding(w) {
  const ta = $("answer");
  if (w.place !== "nowhere") {
    ta.focus();
    ta.setSelectionRange(w.start, w.end);
    showAtCaret();
  }
  for (const m of document.querySelectorAll("#highlights mark.active")) m.classList.remove("active");
  for (const m of document.querySelectorAll("#highlights mark")) {
    if (m.dataset.findings.split(" ").includes(String(w.i))) m.classList.add("active");
  }
}

function drawFindings(a, where) {
  const list = $("findings");
  list.replaceChildren();
  const order = [...where].sort((x, y) => (x.place === "nowhere") - (y.place === "nowhere") || x.start - y.start || SEVERITY_RANK[y.f.severity] - SEVERITY_RANK[x.f.severity]);
  for (const w of order) {
    const f = w.f;
    const detail = findingDetail(f);
    detail.hidden = true;
    detail.id = `finding-${w.i}`;
    const where_ = w.place === "section" ? ` · the whole ${SECTION_NAMES[w.section] || w.section}` : w.place === "whole" ? " · the whole answer" : w.place === "nowhere" ? (f.section ? ` · ${SECTION_NAMES[f.section] || f.section}` : " · whole answer") : "";
    const btn = el("button", { type: "button", class: "finding-btn", "aria-expanded": "false", "aria-controls": detail.id, "data-rule": f.code },
      el("span", { class: `sev sev-${f.severity}`, text: f.severity }),
      el("span", { class: "code", text: `${f.code} ${f.name}` }),
      document.createTextNode(` ${f.message}${where_}`));
    btn.addEventListener("click", () => {
      const open = btn.getAttribute("aria-expanded") === "true";
      btn.setAttribute("aria-expanded", String(!open));
      detail.hidden = open;
      if (!open) selectFinding(w);
    });
    list.append(el("li", { "data-finding": String(w.i) }, btn, detail));
  }
  const n = a.findings.length;
  $("findings-count").textContent = n === 0 ? "none" : `${n} · in the order of the text`;
}

function drawProbes(a) {
  const list = $("probes");
  list.replaceChildren();
  for (const p of a.probes || []) {
    list.append(el("li", {}, el("div", { text: p.question }), el("div", { class: "what", text: `A strong reply: ${p.strong}` })));
  }
  if (!(a.probes || []).length) list.append(el("li", { class: "muted", text: "None for this answer." }));
}

function drawReport(a, text) {
  state.answer = a;
  state.text = text;
  state.where = a.verdict ? placeFindings(a, text) : [];
  drawHighlights(text, state.where);
  drawVerdict(a);
  const br = $("bar-raiser");
  br.textContent = a.bar_raiser || a.error || "";
  br.classList.toggle("muted", !a.bar_raiser);
  drawDimensions(a, text);
  drawSections(a);
  drawFindings(a, state.where);
  drawProbes(a);
  showAtCaret();
}

// ---------------------------------------------------------------------------------------
// Hover and caret: the finding under the pointer or the cursor

function findingsAt(index) {
  return state.where.filter((w) => w.place === "words" && w.start <= index && index < w.end);
}

function showAtCaret() {
  const box = $("caret-finding");
  const ta = $("answer");
  if (!state.answer || ta.value !== state.text || document.activeElement !== ta) { box.replaceChildren(); return; }
  const hits = findingsAt(ta.selectionStart);
  box.replaceChildren(...hits.map((w) => findingDetail(w.f)));
}

function markAt(x, y) {
  for (const m of document.querySelectorAll("#highlights mark")) {
    for (const r of m.getClientRects()) {
      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return m;
    }
  }
  return null;
}

function onHover(ev) {
  const tip = $("tooltip");
  const m = markAt(ev.clientX, ev.clientY);
  if (!m) { tip.hidden = true; return; }
  const ids = m.dataset.findings.split(" ").map(Number);
  tip.replaceChildren(...ids.map((i) => findingDetail(state.answer.findings[i])));
  tip.hidden = false;
  const pad = 14;
  const w = Math.min(tip.offsetWidth || 420, window.innerWidth - 2 * pad);
  tip.style.left = `${Math.max(pad, Math.min(ev.clientX + pad, window.innerWidth - w - pad))}px`;
  tip.style.top = `${ev.clientY + 18}px`;
}

function fitEditor() {
  const ta = $("answer");
  ta.style.height = "auto";
  ta.style.height = `${Math.max(ta.scrollHeight, 416)}px`;
}

// ---------------------------------------------------------------------------------------
// Markdown

function markdown(a, text) {
  const lines = [];
  const lp = $("lp").selectedOptions[0], level = $("level").selectedOptions[0];
  lines.push(`# starlint: ${VERDICTS[a.verdict] || "not scored"}${a.score !== null && a.score !== undefined ? ` (${a.score}/100)` : ""}`);
  lines.push("");
  lines.push(`For ${lp ? lp.textContent : a.lp} at ${level ? level.textContent : a.level}.`);
  const q = $("question").value.trim();
  if (q) lines.push(`Question: ${q}`);
  lines.push("");
  if (a.bar_raiser) { lines.push(`**Bar Raiser thinks:** ${a.bar_raiser}`); lines.push(""); }
  if (Array.isArray(a.dimensions) && a.dimensions.length) {
    lines.push("## Dimensions", "", "| dimension | rating | value | weight |", "| --- | --- | --- | --- |");
    for (const d of a.dimensions) lines.push(`| ${d.name} | ${String(d.rating).replace("_", " ")} | ${percent(d.value)} | ${d.weight} |`);
    lines.push("");
  }
  lines.push("## Sections", "");
  const found = new Map((a.sections || []).map((s) => [s.name, s]));
  for (const name of SECTIONS) {
    const s = found.get(name);
    lines.push(s ? `- ${SECTION_NAMES[name]}: ${s.words} words, ${Math.round(s.seconds)} s / ${Math.round(s.target_seconds)} s` : `- ${SECTION_NAMES[name]}: missing`);
  }
  lines.push("", "## Findings", "");
  const at = byteIndex(text);
  for (const f of a.findings) {
    const words = text.slice(at(f.span.start), at(f.span.end)).trim().replace(/\s+/g, " ");
    const quote = words && words.length <= 120 ? ` (“${words}”)` : "";
    lines.push(`- **${f.code} ${f.name}** (${f.severity}): ${f.message}${quote}`);
    lines.push(`  - ${f.help}`);
  }
  if (!a.findings.length) lines.push("- none");
  if ((a.probes || []).length) {
    lines.push("", "## Likely follow-ups", "");
    for (const p of a.probes) lines.push(`1. ${p.question}\n   - A strong reply: ${p.strong}`);
  }
  return lines.join("\n") + "\n";
}

async function copyMarkdown() {
  const status = $("copy-status");
  if (!state.answer) { status.textContent = "Nothing to copy yet."; return; }
  const md = markdown(state.answer, state.text);
  document.body.dataset.markdown = md;
  try {
    await navigator.clipboard.writeText(md);
    status.textContent = "Copied.";
  } catch (_) {
    const t = el("textarea", { class: "offscreen" });
    t.value = md;
    document.body.append(t);
    t.select();
    const ok = document.execCommand && document.execCommand("copy");
    t.remove();
    status.textContent = ok ? "Copied." : "Your browser blocked copying.";
  }
}

// ---------------------------------------------------------------------------------------
// Tabs

function setupTabs() {
  const tabs = [...document.querySelectorAll("[role=tab]")];
  const show = (tab, focus) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    }
    if (focus) tab.focus();
    if (tab.id === "tab-practice" && !practice.question) newQuestion();
    if (tab.id === "tab-quiz" && !quizLoaded) loadQuiz();
  };
  tabs.forEach((t, i) => {
    t.addEventListener("click", () => show(t, false));
    t.addEventListener("keydown", (e) => {
      const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (step) { e.preventDefault(); show(tabs[(i + step + tabs.length) % tabs.length], true); }
      if (e.key === "Home") { e.preventDefault(); show(tabs[0], true); }
      if (e.key === "End") { e.preventDefault(); show(tabs[tabs.length - 1], true); }
    });
  });
}

// ---------------------------------------------------------------------------------------
// Practice round: question, answer and report, follow-ups one at a time, summary.
// The server keeps no round: this object is the round.

const practice = { question: null, followups: [], next: 0, replies: [], report: null };

function profile(prefix) {
  const body = { lp: $(`${prefix}lp`).value, level: $(`${prefix}level`).value };
  if ($(`${prefix}field`).value) body.field = $(`${prefix}field`).value;
  return body;
}

async function newQuestion() {
  const n = Math.floor(Math.random() * 1000);
  try {
    const q = await api(`/api/practice/question?lp=${encodeURIComponent($("p-lp").value)}&n=${n}`);
    practice.question = q;
    resetRound();
    $("p-question").textContent = q.question;
  } catch (e) {
    $("p-question").textContent = `Could not load a question: ${e.message}`;
  }
}

function resetRound() {
  practice.followups = [];
  practice.next = 0;
  practice.replies = [];
  practice.report = null;
  for (const li of [...document.querySelectorAll("#round > li")]) if (li.id !== "p-step-question") li.remove();
  $("p-answer").disabled = false;
  $("p-submit").disabled = false;
  $("p-summary").hidden = true;
  $("p-summary").replaceChildren();
}

async function submitAnswer() {
  const answer = $("p-answer").value;
  if (!answer.trim()) { $("p-answer").focus(); return; }
  $("p-submit").disabled = true;
  try {
    const r = await api("/api/practice/answer", { answer, question: practice.question ? practice.question.question : undefined, ...profile("p-") });
    const a = r.document.answers[0];
    practice.report = a;
    practice.followups = r.followups;
    $("p-answer").disabled = true;
    const step = el("li", { class: "step", id: "p-step-report" });
    step.append(el("h2", { text: "How the answer lands" }));
    const v = el("p", { class: "question", "data-verdict": a.verdict || "" , text: a.verdict ? `${VERDICTS[a.verdict]} · ${a.score}/100` : `Not scored: ${a.error}` });
    step.append(v, el("p", { text: a.bar_raiser || "" }));
    const top = el("ul", { class: "why" });
    for (const f of a.findings.filter((f) => f.severity === "error").slice(0, 4)) {
      top.append(el("li", { "data-kind": "against", text: `${f.code} ${f.name}: ${f.message}` }));
    }
    step.append(top);
    $("round").append(step);
    nextFollowUp();
  } catch (e) {
    $("p-submit").disabled = false;
    $("p-question").after(el("p", { class: "status", role: "alert", text: `Could not score: ${e.message}` }));
  }
}

function nextFollowUp() {
  const i = practice.next;
  if (i >= practice.followups.length) { finishRound(); return; }
  const f = practice.followups[i];
  const id = `p-reply-${i}`;
  const step = el("li", { class: "step followup", "data-probe": f.id });
  step.append(el("h2", { text: `Follow-up ${i + 1} of ${practice.followups.length}` }));
  step.append(el("p", { class: "question", text: f.question }));
  step.append(el("p", { class: "muted", text: `It tests: ${f.probes}` }));
  step.append(el("label", { for: id, class: "h", text: "Your reply" }));
  const ta = el("textarea", { id, class: "plain", rows: "4" });
  const btn = el("button", { type: "button", text: "Submit reply" });
  btn.addEventListener("click", () => submitReply(f, ta, btn, step));
  step.append(ta, btn);
  $("round").append(step);
  ta.focus();
}

async function submitReply(f, ta, btn, step) {
  if (!ta.value.trim()) { ta.focus(); return; }
  btn.disabled = true;
  try {
    const body = { probe: f.id, reply: ta.value };
    const field = $("p-field").value;
    if (field) body.field = field;
    const j = await api("/api/practice/reply", body);
    ta.disabled = true;
    const box = el("div", { class: "judgement", "data-verdict": j.verdict, role: "status" });
    box.append(el("p", { class: "headline", text: j.headline }));
    const why = el("ul", { class: "why" });
    for (const w of j.why) why.append(el("li", { "data-kind": w.kind, text: w.quote ? `${w.note} (“${w.quote}”)` : w.note }));
    box.append(why);
    if (j.verdict !== "strong") box.append(el("p", { class: "strong-ex" }, el("span", { class: "label", text: "A strong reply: " }), document.createTextNode(j.example)));
    step.append(box);
    practice.replies.push({ verdict: j.verdict, title: j.title });
    practice.next++;
    nextFollowUp();
  } catch (e) {
    btn.disabled = false;
    step.append(el("p", { class: "status", role: "alert", text: `Could not judge: ${e.message}` }));
  }
}

async function finishRound() {
  const a = practice.report;
  try {
    const s = await api("/api/practice/summary", { verdict: a.verdict, score: a.score, replies: practice.replies });
    const box = $("p-summary");
    box.replaceChildren(el("h2", { text: "Summary" }), el("p", { text: s.text }));
    if (s.work_on.length) {
      const ul = el("ul", { class: "why" });
      for (const w of s.work_on) ul.append(el("li", { "data-kind": "missing", text: w }));
      box.append(el("p", { class: "label", text: "Work on:" }), ul);
    }
    const again = el("button", { type: "button", class: "secondary", text: "Another question" });
    again.addEventListener("click", () => { $("p-answer").value = ""; newQuestion(); $("p-answer").focus(); });
    box.append(again);
    box.hidden = false;
  } catch (e) {
    $("p-summary").replaceChildren(el("p", { text: `Could not summarise: ${e.message}` }));
    $("p-summary").hidden = false;
  }
}

// ---------------------------------------------------------------------------------------
// Quick quiz

let quizLoaded = false;
async function loadQuiz() {
  quizLoaded = true;
  const root = $("quiz");
  let data;
  try { data = await api("/api/practice/quiz"); } catch (e) { root.textContent = `Could not load the quiz: ${e.message}`; return; }
  const answered = new Map();
  data.quiz.forEach((q, qi) => {
    const fs = el("fieldset", {}, el("legend", { text: `${qi + 1}. ${q.question}` }));
    const result = el("div", { class: "result", role: "status", "aria-live": "polite" });
    q.options.forEach((o, oi) => {
      const input = el("input", { type: "radio", name: `quiz-${q.id}`, value: String(oi) });
      input.addEventListener("change", () => {
        const right = oi === q.answer;
        answered.set(q.id, right);
        result.replaceChildren(
          el("p", {}, el("strong", { text: right ? "Right. " : "Not quite. " }), document.createTextNode(o.why)),
          el("p", { class: "muted", text: q.explanation }));
        const n = [...answered.values()].filter(Boolean).length;
        $("quiz-score").textContent = `${n} of ${data.quiz.length} right so far.`;
      });
      fs.append(el("label", {}, input, document.createTextNode(` ${o.text}`)));
    });
    root.append(el("div", { class: "q", "data-quiz": q.id }, fs, result));
  });
}

// ---------------------------------------------------------------------------------------
// Start

async function start() {
  setupTabs();
  try {
    const [ids, rules] = await Promise.all([api("/api/ids"), api("/api/rules")]);
    for (const r of rules) state.rules.set(r.code, r);
    fillSelect($("lp"), ids.lps, "general");
    fillSelect($("level"), ids.levels, "mid");
    fillSelect($("field"), ids.fields, null);
    fillSelect($("p-lp"), ids.lps, "ownership");
    fillSelect($("p-level"), ids.levels, "mid");
    fillSelect($("p-field"), ids.fields, null);
  } catch (e) {
    $("status").textContent = `The server did not answer: ${e.message}`;
  }
  const ta = $("answer");
  let draft = "";
  try { draft = localStorage.getItem("starlint.draft") || ""; } catch (_) { /* private mode */ }
  if (draft && !ta.value) ta.value = draft;
  ta.addEventListener("input", () => { fitEditor(); $("highlights").replaceChildren(document.createTextNode(ta.value + "\u200b")); state.where = []; schedule(); });
  for (const id of ["lp", "level", "field"]) $(id).addEventListener("change", schedule);
  $("question").addEventListener("input", schedule);
  $("pickers").addEventListener("submit", (e) => e.preventDefault());
  $("practice-pickers").addEventListener("submit", (e) => e.preventDefault());
  for (const ev of ["keyup", "click", "select", "focus"]) ta.addEventListener(ev, showAtCaret);
  ta.addEventListener("blur", () => $("caret-finding").replaceChildren());
  ta.addEventListener("mousemove", onHover);
  ta.addEventListener("mouseleave", () => { $("tooltip").hidden = true; });
  window.addEventListener("resize", fitEditor);
  $("copy-md").addEventListener("click", copyMarkdown);
  $("p-new").addEventListener("click", newQuestion);
  $("p-lp").addEventListener("change", newQuestion);
  $("p-submit").addEventListener("click", submitAnswer);
  fitEditor();
  if (ta.value.trim()) score(); else clearReport();
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", start);
