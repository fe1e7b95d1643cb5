import { appError, type AppResult } from '../../../shared/errors';
import { phoneKey } from '../../../shared/phone';
import { err, ok } from '../../../shared/result';
import { FAVOURITES_MAX } from '../../../shared/settings';
import type { SettingsService } from '../settings';

/**
 * Adds or removes one favourite number in the settings, here rather than in a window: the
 * palette, the History screen and the popup window each hold their own copy of the settings,
 * and a toggle computed from a stale copy would drop what another window just added.
 * Numbers are filed under the key History uses (phoneKey: E.164 when it parses), and matched
 * by that key, so `0912 345 678` and a provisioned `+84912345678` are one favourite.
 */
export function setFavourite(
  settings: Pick<SettingsService, 'view' | 'save'>,
  number: string,
  favourite: boolean,
): AppResult<readonly string[]> {
  const view = settings.view();
  const source = view.sources.favourites;
  if (source === 'env' || source === 'file') {
    return err(
      appError(
        'setting_locked',
        'Your favourites are set by your IT department and cannot be changed here.',
        'Danh sách số yêu thích do bộ phận IT thiết lập và không thể thay đổi tại đây.',
        { field: 'favourites' },
      ),
    );
  }
  const key = phoneKey(number);
  const current = view.values.favourites;
  const others = current.filter((entry) => phoneKey(entry) !== key);
  const present = others.length !== current.length;
  if (favourite === present) return ok(current);
  if (favourite && current.length >= FAVOURITES_MAX) {
    return err(
      appError(
        'invalid_input',
        `You can keep up to ${FAVOURITES_MAX} favourites: remove one first.`,
        `Bạn chỉ giữ được tối đa ${FAVOURITES_MAX} số yêu thích: hãy bỏ bớt một số trước.`,
        { field: 'favourites' },
      ),
    );
  }
  // Newest first, as History keeps them: a list that is ever cut short keeps the ones just added.
  const saved = settings.save({ favourites: favourite ? [key, ...others] : others });
  return saved.ok ? ok(saved.value.values.favourites) : saved;
}
