import { expect, it } from 'vitest';
it('translates through the English catalogue', () => {
  expect(browser.i18n.getMessage('extName')).toBe('Fedipost');
});
