import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './support/fixtures';

/**
 * The page's errors reach main's log file through the bridge (`log.report`):
 * in a packaged app the console is gone, the file in <dataDir>/logs stays.
 */
async function logText(dir: string): Promise<string> {
  const files = await readdir(dir).catch(() => [] as string[]);
  const texts = await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')));
  return texts.join('');
}

test('an uncaught page error lands in the log file, cut to size; Settings → About shows the folder', async ({
  app,
}) => {
  const { page } = app;
  const logsDir = path.join(app.dir, 'host-data', 'logs');
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error('e2e: a throw nobody caught');
    }, 0);
    void Promise.reject(new Error('e2e: a rejection nobody handled'));
    setTimeout(() => {
      throw new Error(`e2e: an enormous message ${'x'.repeat(100_000)}`);
    }, 0);
  });
  // Three reports, written one after another by main's logger: wait until the last has landed.
  const reported = [
    'Uncaught error: e2e: a throw nobody caught',
    'Unhandled rejection: e2e: a rejection nobody handled',
    'an enormous message',
  ];
  let text = '';
  const missing = async () => {
    text = await logText(logsDir);
    return reported.filter((s) => !text.includes(s));
  };
  await expect.poll(missing, { timeout: 10_000 }).toEqual([]);
  const huge = text.split('\n').find((line) => line.includes('an enormous message'));
  expect(huge).toMatch(/more characters cut/);
  expect(huge!.length).toBeLessThan(12_000); // message and stack are both bounded

  await page.getByTestId('open-settings').click();
  const logsRow = page.getByTestId('settings-logs-dir');
  await expect(logsRow).toHaveText(logsDir);
  await logsRow.scrollIntoViewIfNeeded();
  await page
    .getByTestId('dialog-settings')
    .screenshot({ path: path.join(tmpdir(), 'tether-log-screens', 'settings-about.png') });
});
