import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const path of process.argv.slice(2)) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__lcp = []; window.__shifts = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp.push({ t: Math.round(e.startTime), size: e.size, el: e.element ? e.element.outerHTML.slice(0, 160) : null }); }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shifts.push({ v: e.value.toFixed(3), t: Math.round(e.startTime), src: e.sources.map((s) => s.node ? (s.node.outerHTML || s.node.nodeName).slice(0, 120) : null) }); }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('http://127.0.0.1:3996' + path, { waitUntil: 'networkidle' });
  await page.waitForTimeout(1500);
  const r = await page.evaluate(() => ({ lcp: window.__lcp, shifts: window.__shifts, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime }));
  console.log('==', path, 'FCP', Math.round(r.fcp)); for (const l of r.lcp) console.log(' LCP', JSON.stringify(l)); for (const s of r.shifts) console.log(' CLS', JSON.stringify(s));
  await context.close();
}
await browser.close();
