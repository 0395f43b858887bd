// One Lighthouse "lane" for scripts/lighthouse.py: one Node process and one Chromium for several
// runs one after another, instead of the CLI's fresh Node and Chromium for every page (loading
// Lighthouse costs Node about 2 s of processor time, more than the audits of a small page).
//
//   node scripts/lighthouse_lane.mjs '{"urls": [...], "categories": [...], "chromeFlags": [...]}'
//
// CHROME_PATH names the browser. Prints one line per URL, in order: Lighthouse's JSON report
// (the same report the CLI writes with --output=json), or {"runtimeError": ...} if the run failed.
// Runs are sequential: Lighthouse keeps per-process state and does not support runs side by side
// in one process (scripts/lighthouse.py starts several lanes for that).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const { urls, categories, chromeFlags } = JSON.parse(process.argv[2]);
const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH, chromeFlags });
try {
  for (const url of urls) {
    // The CLI's defaults otherwise: mobile preset, storage and cache of the page's origin cleared
    // before each run, so an earlier run in this browser leaves nothing the next one could use.
    // Without the full-page screenshot: only the HTML report's pictures of elements use it, no
    // audit or score does, and taking it cost a second or more of each run.
    const flags = {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: categories,
      disableFullPageScreenshot: true,
    };
    try {
      const result = await lighthouse(url, flags);
      process.stdout.write(JSON.stringify(result.lhr) + "\n");
    } catch (error) {
      process.stdout.write(JSON.stringify({ runtimeError: { url, message: String(error) } }) + "\n");
    }
  }
} finally {
  await chrome.kill();
}
