// Firefox for the browser tests and benchmarks (build_scripts/sitebuild/engines.py): puppeteer-core drives
// Debian's firefox-esr over WebDriver BiDi, as geckodriver cannot be installed here. One JSON request per
// line on stdin, {id, op, args}, one reply per line on stdout, {id, value} or {id, error}.
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const [executablePath, viewport] = [process.argv[2], JSON.parse(process.argv[3])];
const browser = await puppeteer.launch({ browser: "firefox", executablePath, headless: true });
const LIMIT_MS = 90_000; // no call hangs the tests: a script that never settles is an error
let context = null;
let page = null;
let logged = [];

const element = (xpath) => page.waitForSelector(`xpath/${xpath}`, { timeout: 10_000 });
const ops = {
  async open() { // a fresh profile: no cache, storage or service worker of an earlier tab
    await context?.close();
    context = await browser.createBrowserContext();
    page = await context.newPage();
    await page.setViewport(viewport);
    logged = [];
    page.on("console", (message) => message.type() === "error" && logged.push(`console: ${message.text()}`));
    page.on("pageerror", (error) => logged.push(`page error: ${error.message ?? error}`));
  },
  goto: (url) => page.goto(url).then(() => null),
  run: (expression) => page.evaluate(expression),
  click: (xpath) => element(xpath).then((found) => found.click()),
  async type(xpath, text) {
    const found = await element(xpath);
    await found.click({ count: 3 }); // selects what is there, which the typing replaces
    await found.type(text);
  },
  logged: () => logged.splice(0),
  async close() {
    await context?.close();
    context = null;
  },
};

process.stdout.write(JSON.stringify({ ready: true }) + "\n");
for await (const line of readline.createInterface({ input: process.stdin })) {
  const { id, op, args } = JSON.parse(line);
  if (op === "quit") break;
  try {
    const value = await Promise.race([ops[op](...args), new Promise((_, reject) => setTimeout(
      () => reject(new Error(`${op} took more than ${LIMIT_MS / 1000} s`)), LIMIT_MS))]);
    process.stdout.write(JSON.stringify({ id, value: value ?? null }) + "\n");
  } catch (error) {
    process.stdout.write(JSON.stringify({ id, error: String(error?.message ?? error) }) + "\n");
  }
}
await browser.close();
