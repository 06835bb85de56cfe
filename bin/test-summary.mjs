#!/usr/bin/env node
// Summarise the reports of bin/test: Spectral JSON, Surefire/Failsafe XML, Vitest JSON, Playwright JSON.
// Usage: node bin/test-summary.mjs ROOT REPORTS_DIR SUITE...
// Prints one block per suite and, last, exactly one line `N passed, N failed, N skipped`.
// A suite that did not run (or whose runner failed without failing tests) counts as 1 failed.
// Exit status: 0 when nothing failed, 1 otherwise.
import fs from 'node:fs';
import path from 'node:path';

const [root, reports, ...suites] = process.argv.slice(2);
const MAX_LISTED = 30;

const readStatus = (name) => {
  try { return fs.readFileSync(path.join(reports, `${name}.status`), 'utf8').trim(); }
  catch { return 'notrun: the suite did not record a status (interrupted?)'; }
};

const unescapeXml = (s) => s.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n))
  .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const attr = (tag, name) => {
  const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
  return m ? unescapeXml(m[1]) : '';
};

function surefire() {
  const r = { passed: 0, failed: 0, skipped: 0, failures: [], files: 0 };
  for (const dir of ['target/surefire-reports', 'target/failsafe-reports']) {
    const abs = path.join(root, 'backend', dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs.readdirSync(abs).filter((n) => /^TEST-.*\.xml$/.test(n)).sort()) {
      r.files++;
      const xml = fs.readFileSync(path.join(abs, f), 'utf8');
      const re = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
      let m; let cases = 0;
      while ((m = re.exec(xml))) {
        cases++;
        const head = m[1]; const body = m[3] || '';
        const name = `${attr(head, 'classname')}.${attr(head, 'name')}`;
        if (/<(failure|error)\b/.test(body)) {
          r.failed++;
          const msg = body.match(/<(?:failure|error)\b[^>]*?message="([^"]*)"/);
          r.failures.push(name + (msg ? ` — ${unescapeXml(msg[1]).replace(/\s+/g, ' ').trim().slice(0, 160)}` : ''));
        } else if (/<skipped\b/.test(body)) r.skipped++;
        else r.passed++;
      }
      if (cases === 0) { // no testcase elements: fall back to the suite's counters
        const suite = (xml.match(/<testsuite\b[^>]*>/) || [''])[0];
        const tests = +attr(suite, 'tests') || 0; const fl = (+attr(suite, 'failures') || 0) + (+attr(suite, 'errors') || 0);
        const sk = +attr(suite, 'skipped') || 0;
        r.failed += fl; r.skipped += sk; r.passed += Math.max(0, tests - fl - sk);
        if (fl) r.failures.push(`${attr(suite, 'name')}: ${fl} failed (no details)`);
      }
    }
  }
  return r;
}

function vitest() {
  const r = { passed: 0, failed: 0, skipped: 0, failures: [] };
  const j = JSON.parse(fs.readFileSync(path.join(reports, 'vitest.json'), 'utf8'));
  for (const file of j.testResults || []) {
    const rel = path.relative(path.join(root, 'frontend'), file.name || '');
    let failedHere = 0;
    for (const t of file.assertionResults || []) {
      if (t.status === 'passed') r.passed++;
      else if (t.status === 'failed') {
        r.failed++; failedHere++;
        r.failures.push(`${rel} › ${t.fullName || t.title}`);
      } else r.skipped++; // skipped, pending, todo, disabled
    }
    if (file.status === 'failed' && failedHere === 0) { // the file itself failed (import error, ...)
      r.failed++;
      r.failures.push(`${rel}: ${(file.message || 'failed to run').split('\n')[0].slice(0, 160)}`);
    }
  }
  return r;
}

function playwright() {
  const r = { passed: 0, failed: 0, skipped: 0, failures: [] };
  const j = JSON.parse(fs.readFileSync(path.join(reports, 'playwright.json'), 'utf8'));
  const walk = (suite, trail) => {
    const here = suite.title ? [...trail, suite.title] : trail;
    for (const spec of suite.specs || []) {
      for (const t of spec.tests || []) {
        const name = [...here, spec.title].join(' › ') + (t.projectName ? ` [${t.projectName}]` : '');
        if (t.status === 'expected' || t.status === 'flaky') r.passed++;
        else if (t.status === 'skipped') r.skipped++;
        else { r.failed++; r.failures.push(name); }
      }
    }
    for (const s of suite.suites || []) walk(s, here);
  };
  for (const s of j.suites || []) walk(s, []);
  for (const e of j.errors || []) {
    r.failed++;
    r.failures.push(`error: ${String(e.message || e.value || JSON.stringify(e)).split('\n')[0].slice(0, 160)}`);
  }
  return r;
}

// The contract lint counts as one test per rule finding, or one passed test when clean.
function spectral() {
  const findings = JSON.parse(fs.readFileSync(path.join(reports, 'spectral.json'), 'utf8'));
  const failing = findings.filter((f) => f.severity <= 1); // 0 error, 1 warning
  return {
    passed: failing.length === 0 ? 1 : 0, failed: failing.length, skipped: 0,
    failures: failing.map((f) => `${f.code} at ${(f.path || []).join('.')}: ${f.message}`),
  };
}

const kinds = {
  contract: ['Spectral', spectral],
  backend: ['Surefire', surefire],
  unit: ['Vitest', vitest],
  e2e: ['Playwright', playwright],
};

const total = { passed: 0, failed: 0, skipped: 0 };
const pad = (s, n) => String(s).padEnd(n);
const pg = readStatus('postgres');
if (pg !== 'ran') console.log(`postgres            ${pg.replace(/^notrun: /, 'not available: ')}`);
for (const suite of suites) {
  const [runner, parse] = kinds[suite];
  const status = readStatus(suite);
  let r = null;
  if (!status.startsWith('notrun')) {
    try { r = parse(); } catch (e) { r = null; console.log(`${pad(suite, 8)} ${pad(runner, 11)} could not read the report: ${e.message}`); }
  }
  if (suite === 'backend' && r && r.files === 0) r = null;
  if (!r) {
    const why = status.startsWith('notrun') ? status.replace(/^notrun: /, '') : 'no usable report';
    console.log(`${pad(suite, 8)} ${pad(runner, 11)} DID NOT RUN: ${why} (counted as 1 failed)`);
    total.failed++;
    continue;
  }
  let extra = '';
  if (status.startsWith('error')) {
    if (r.failed === 0) { r.failed++; extra = `  (${status.replace(/^error: /, '')}; counted as 1 failed)`; }
    else extra = `  (${status.replace(/^error: /, '')})`;
  }
  console.log(`${pad(suite, 8)} ${pad(runner, 11)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${extra}`);
  for (const f of r.failures.slice(0, MAX_LISTED)) console.log(`           ✗ ${f}`);
  if (r.failures.length > MAX_LISTED) console.log(`           … and ${r.failures.length - MAX_LISTED} more`);
  total.passed += r.passed; total.failed += r.failed; total.skipped += r.skipped;
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
