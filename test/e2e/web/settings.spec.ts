import { expect, openSettings, test } from './fixtures';

test('saved settings come back after a reload', async ({ app }) => {
  await openSettings(app, 'Cài đặt');
  await app.getByLabel('App ID').fill('app-e2e-42');
  const sip = app.getByRole('group', { name: 'Điện thoại SIP' });
  await sip.getByLabel('Tên đăng nhập').fill('1001');
  await sip.getByLabel('Địa chỉ WebSocket').fill('wss://sip.example.vn:7443');
  await app.getByRole('checkbox', { name: 'Không làm phiền' }).check();
  // The web host has no OS keyring: a secret needs explicit consent first.
  await expect(sip.getByLabel('Mật khẩu')).toBeDisabled();
  await app.getByRole('checkbox', { name: 'Lưu thông tin bí mật không mã hoá trên máy tính này' }).check();
  await sip.getByLabel('Mật khẩu').fill('mat-khau-bi-mat');
  await app.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(app.getByText('Đã lưu cài đặt.')).toBeVisible();

  await app.reload();
  await openSettings(app, 'Cài đặt');
  await expect(app.getByLabel('App ID')).toHaveValue('app-e2e-42');
  const sipAfter = app.getByRole('group', { name: 'Điện thoại SIP' });
  await expect(sipAfter.getByLabel('Tên đăng nhập')).toHaveValue('1001');
  await expect(sipAfter.getByLabel('Địa chỉ WebSocket')).toHaveValue('wss://sip.example.vn:7443');
  await expect(app.getByRole('checkbox', { name: 'Không làm phiền' })).toBeChecked();
  await expect(sipAfter.getByText('Đã lưu', { exact: true })).toBeVisible();
  // Write-only: the password never comes back to the page.
  await expect(sipAfter.getByLabel('Mật khẩu')).toHaveValue('');
});

test('a bad address is explained and nothing is saved', async ({ app }) => {
  await openSettings(app, 'Cài đặt');
  await app.getByLabel('Địa chỉ API').fill('openapi.antbuddy');
  await app.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(app.getByText('Hãy nhập địa chỉ đầy đủ, ví dụ https://example.com')).toBeVisible();
  await expect(app.getByLabel('Địa chỉ API')).toBeFocused();
  await app.reload();
  await openSettings(app, 'Cài đặt');
  await expect(app.getByLabel('Địa chỉ API')).toHaveValue('https://openapi.antbuddy.com');
});

test('switching the language to English and back switches the whole UI', async ({ app }) => {
  await openSettings(app, 'Cài đặt');
  await app.getByLabel('Ngôn ngữ').selectOption('en');
  await app.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(app.getByRole('navigation').getByRole('button', { name: 'History' })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'en');

  await app.getByLabel('Language').selectOption('vi');
  await app.getByRole('button', { name: 'Save changes' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Cài đặt' })).toBeVisible();
  await expect(app.getByRole('navigation').getByRole('button', { name: 'Lịch sử' })).toBeVisible();
});

test.describe('with settings locked by IT', () => {
  test.use({ hostEnv: { ANTRING_DOMAIN: 'acme.antbuddy.vn', ANTRING_API_URL: 'not a url' } });

  test('a field set by an ANTRING_* variable is read-only, and a bad variable is reported', async ({ app }) => {
    await openSettings(app, 'Cài đặt');
    const company = app.getByRole('group', { name: 'Công ty' });
    const domain = company.getByLabel('Tên miền');
    await expect(domain).toHaveValue('acme.antbuddy.vn');
    await expect(domain).not.toBeEditable();
    await expect(company.getByText('Do quản trị viên IT của bạn thiết lập (biến môi trường)')).toBeVisible();
    // An invalid variable is ignored (the default stays) and shown in the problems banner.
    await expect(app.getByRole('status', { name: 'Một số thiết lập không dùng được' })).toContainText(
      'ANTRING_API_URL',
    );
    await expect(app.getByLabel('Địa chỉ API')).toBeEditable();
  });
});
