/** The surfaces the codex-lb list rules govern: the full key's answer and the restricted key's (the same documented model object). */
import { surface } from '../surfaces.js';
import { restricted, withKey } from './requests.js';

export const KEYED = [surface(withKey), surface(restricted)] as const;
