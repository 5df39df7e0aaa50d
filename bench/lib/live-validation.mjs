// Live validation in the browser: the time from a keystroke in the wizard's Redirect URIs field
// to its error text changing in the DOM, with the CPU throttled 4× through the Chrome DevTools
// Protocol. The keystrokes alternate: "#" at the end of a valid URI (the fragment error must
// appear), then Backspace (it must go). The baseline is the same keystroke on a plain
// <textarea> whose oninput sets the same error text, in about:blank, at the same throttle.
import { BenchError } from "./processes.mjs";

const SAMPLES = 60; // per page, half of them "error appears"
const WARMUP = 6;
const BLOCK = 10;
const THROTTLE = 4;
const VALID_URI = "https://bench.example/callback";

const BASELINE_HTML = `<!doctype html><html lang="en"><body>
<label for="t">Redirect URIs</label><textarea id="t" rows="3"></textarea><div id="t-error" aria-live="polite"></div>
<script>
  const t = document.getElementById("t"), e = document.getElementById("t-error");
  t.oninput = () => { e.textContent = t.value.includes("#") ? "Remove the fragment (the # and everything after it): redirect URIs cannot contain one." : ""; };
</script></body></html>`;

/**
 * Installs the probe: the key event's own timestamp (taken when the browser received the
 * input, so queueing under the throttle counts), and a MutationObserver on the error region
 * that records the first change to the wanted state (error shown or not).
 */
async function installProbe(page, controlId) {
  await page.evaluate((id) => {
    const control = document.getElementById(id);
    const region = document.getElementById(`${id}-error`);
    if (!control || !region) throw new Error(`no #${id} or #${id}-error`);
    const probe = { start: 0, want: null, latency: null };
    window.__probe = probe;
    control.addEventListener("keydown", (event) => (probe.start = event.timeStamp), { capture: true });
    new MutationObserver(() => {
      const shown = region.textContent.trim().length > 0;
      if (probe.latency === null && probe.want === shown) probe.latency = performance.now() - probe.start;
    }).observe(region, { subtree: true, childList: true, characterData: true });
  }, controlId);
}

async function sample(page, controlId, invalid) {
  await page.evaluate(
    ({ id, want }) => {
      window.__probe.want = want;
      window.__probe.latency = null;
      const c = document.getElementById(id);
      c.focus();
      c.setSelectionRange(c.value.length, c.value.length);
    },
    { id: controlId, want: invalid },
  );
  await page.keyboard.press(invalid ? "#" : "Backspace");
  const handle = await page.waitForFunction(() => window.__probe.latency, null, { timeout: 10_000, polling: 20 }).catch(() => null);
  if (!handle) throw new BenchError(`The error region of #${controlId} did not ${invalid ? "show an error" : "clear"} within 10 s of the keystroke.`);
  const latency = await handle.jsonValue();
  await page.waitForTimeout(150); // let the page settle (autosave's debounce keeps running, as for a person)
  return latency;
}

const pct = (list, p) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};

export async function liveValidation(browser, partnerContext, wizardUrl, log) {
  const wizard = await partnerContext.newPage();
  await wizard.goto(wizardUrl);
  const field = wizard.getByLabel("Redirect URIs");
  await field.fill(VALID_URI);
  await wizard.waitForTimeout(1500); // the first validation and autosave
  const wizardId = await field.getAttribute("id");
  await installProbe(wizard, wizardId);

  const bareContext = await browser.newContext();
  const bare = await bareContext.newPage();
  await bare.setContent(BASELINE_HTML);
  await bare.locator("#t").fill(VALID_URI);
  await installProbe(bare, "t");

  for (const page of [wizard, bare]) await (await page.context().newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  log(`live validation: ${SAMPLES} keystrokes each on the wizard and a plain <textarea>, CPU ${THROTTLE}× throttled`);
  const results = { wizard: { shown: [], cleared: [] }, bare: { shown: [], cleared: [] } };
  const run = async (name, page, id, count, keep) => {
    for (let i = 0; i < count; i++) {
      const invalid = i % 2 === 0;
      const latency = await sample(page, id, invalid);
      if (keep) results[name][invalid ? "shown" : "cleared"].push(latency);
    }
  };
  await run("wizard", wizard, wizardId, WARMUP, false);
  await run("bare", bare, "t", WARMUP, false);
  for (let done = 0; done < SAMPLES; done += BLOCK) {
    await run("wizard", wizard, wizardId, BLOCK, true);
    await run("bare", bare, "t", BLOCK, true);
  }
  await bareContext.close();
  await wizard.close();

  const base = { baselineLabel: "plain <textarea> with a trivial oninput (about:blank)" };
  const stat = (name, kind, p) => pct(results[name][kind], p);
  const rows = [
    {
      id: "wizard.error-shown.p50",
      label: "wizard Redirect URIs: keystroke → error shown, p50",
      unit: "ms",
      figure: stat("wizard", "shown", 50),
      baseline: stat("bare", "shown", 50),
      ...base,
    },
    {
      id: "wizard.error-shown.p95",
      label: "wizard Redirect URIs: keystroke → error shown, p95",
      unit: "ms",
      figure: stat("wizard", "shown", 95),
      baseline: stat("bare", "shown", 95),
      ...base,
      budget: { op: "<", of: "figure", value: 50 },
    },
    {
      id: "wizard.error-cleared.p50",
      label: "wizard Redirect URIs: keystroke → error cleared, p50",
      unit: "ms",
      figure: stat("wizard", "cleared", 50),
      baseline: stat("bare", "cleared", 50),
      ...base,
    },
    {
      id: "wizard.error-cleared.p95",
      label: "wizard Redirect URIs: keystroke → error cleared, p95",
      unit: "ms",
      figure: stat("wizard", "cleared", 95),
      baseline: stat("bare", "cleared", 95),
      ...base,
    },
  ];
  const notes = [
    `${SAMPLES / 2} keystrokes per direction and page after ${WARMUP} warm-up ones, alternating "#" at the end of ${VALID_URI} (error shown) and Backspace (cleared), in blocks of ${BLOCK} taking turns between the wizard and the baseline; CPU throttled ${THROTTLE}× with Emulation.setCPUThrottlingRate; keys sent by Playwright (CDP Input.dispatchKeyEvent).`,
    "Latency = the first MutationObserver callback on the field's error region that shows the wanted state, minus the keydown event's timeStamp.",
    "Changes (error shown p95 / p50, wizard vs the textarea baseline of the same run; the machine was loaded, load average 9 to 14): 171.9 / 59.3 ms (baseline 49 / 12.7) before; 57.1 / 29.2 ms (baseline 28.6 / 10.1) after the wizard stopped re-rendering as a whole per keystroke (no root useWatch or watch(), fields subscribe by name through Controller fieldState / useFormState, autosave keeps one pending state) and validates synchronously with the zod-free rules (check.ts); 92.1 / 39.7 ms (baseline 100.2 / 16.5, too loaded to judge the p95) after a list field checks the edit in the keystroke's own event and renders its error with the text; a repeat at load average 11.5: 67.5 / 26.2 ms (baseline 59 / 11.8). The plain textarea's own p95 is above 50 ms at this load, so the budget cannot be judged here.",
  ];
  return { rows, notes, raw: { samples: results } };
}
