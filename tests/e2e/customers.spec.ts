// Customer directory and customer page over the sample shop (seed 7, 2,000 customers): the
// expected answers are computed here in Node from the same generator the app runs.
import { generateSampleShop } from '../../src/lib/core/sample';
import { expect, test } from './fixtures';

const shop = generateSampleShop({ seed: 7, customers: 2000 });

/** Net spend per customer, the rule CustomerStats.totalSpent follows. */
function spend(): Map<string, number> {
  const m = new Map<string, number>();
  for (const o of shop.orders)
    if (!o.cancelled || o.quantity < 0)
      m.set(o.customerId, (m.get(o.customerId) ?? 0) + o.quantity * o.unitPrice);
  return m;
}

const biggest = [...spend()].sort((a, b) => b[1] - a[1])[0][0];
const withMessages = new Set(shop.interactions.map((i) => i.customerId));
const ordersOf = (id: string) =>
  new Set(shop.orders.filter((o) => o.customerId === id).map((o) => o.orderId));
// A named customer with orders and messages, whose e-mail is unique in the shop.
const target = shop.customers.find(
  (c) =>
    c.name &&
    c.email &&
    withMessages.has(c.id) &&
    ordersOf(c.id).size > 0 &&
    shop.customers.filter((o) => o.email === c.email).length === 1
)!;

test('directory: count, search, sort, open a customer by mouse and by keyboard', async ({
  page,
  consoleErrors
}) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByText('Sample data loaded.')).toBeVisible({ timeout: 90_000 });

  await page.goto('/customers/');
  const total = page.getByTestId('directory-total');
  await expect(total).toHaveAttribute('data-count', String(shop.customers.length));
  const rows = page.getByTestId('directory-row');
  await expect(rows.first()).toBeVisible();

  // Search by e-mail narrows to exactly that customer; by id too.
  const search = page.getByTestId('directory-search');
  await search.fill(target.email!);
  await expect(total).toHaveAttribute('data-count', '1');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-id', target.id);
  await search.fill(target.id);
  await expect(rows.first()).toHaveAttribute('data-id', target.id);
  await search.fill('');
  await expect(total).toHaveAttribute('data-count', String(shop.customers.length));

  // Sorting by total spent, highest first, puts the biggest spender on top.
  await page.getByTestId('directory-sort').selectOption('totalSpent.desc');
  await expect(rows.first()).toHaveAttribute('data-id', biggest);

  // Scrolling far down fetches later pages lazily (rows beyond the first page render).
  const grid = page.getByRole('grid', { name: 'Customer list' });
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator('[aria-rowindex="2001"]')).toBeVisible();
  await expect(page.locator('[aria-rowindex="2001"] [data-testid="directory-row"]')).toBeVisible();

  // Open the customer by mouse: profile, orders and messages are there.
  await search.fill(target.email!);
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/customer/\\?id=${target.id}$`));
  await expect(page.getByTestId('customer-name')).toHaveText(target.name!);
  await expect(page.getByTestId('customer-id')).toHaveText(target.id);
  const counts = page.getByTestId('history-counts');
  await expect(counts).toHaveAttribute('data-orders', String(ordersOf(target.id).size));
  const msgs = shop.interactions.filter((i) => i.customerId === target.id);
  await expect(counts).toHaveAttribute('data-interactions', String(msgs.length));
  const history = page.getByTestId('customer-history');
  await expect(history.locator('.event.order').first()).toBeVisible();
  await expect(history.getByText(msgs[0].text).first()).toBeVisible();
  // No model trained yet: the predictions panel points to the Churn page.
  await expect(
    page.getByTestId('scores-panel').getByRole('link', { name: /Churn page/ })
  ).toBeVisible();

  // Keyboard: Tab from the search box past the sort and filter selects (the risk filter is
  // disabled before churn is trained) into the list, Enter opens the row.
  await page.goto('/customers/');
  await expect(rows.first()).toBeVisible();
  await page.getByTestId('directory-search').focus();
  for (const id of ['directory-sort', 'directory-segment']) {
    await page.keyboard.press('Tab');
    await expect(page.getByTestId(id)).toBeFocused();
  }
  await page.keyboard.press('Tab');
  await expect(grid).toBeFocused();
  const firstId = await rows.first().getAttribute('data-id');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/customer/\\?id=${firstId}$`));
  await expect(page.getByTestId('customer-id')).toHaveText(firstId!);

  expect(consoleErrors).toEqual([]);
});

test('empty directory and unknown customer ids get clear messages', async ({ page }) => {
  await page.goto('/customers/');
  const empty = page.getByTestId('directory-empty');
  await expect(empty).toBeVisible();
  await expect(empty.getByRole('link', { name: 'Import CSV' })).toBeVisible();
  await expect(empty.getByRole('link', { name: 'Load sample data' })).toBeVisible();

  await page.goto('/customer/?id=NOPE-42');
  await expect(page.getByTestId('customer-missing')).toContainText('NOPE-42');
});
