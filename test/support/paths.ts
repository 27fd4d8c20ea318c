import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project root: the folder with package.json above the compiled test. */
export const PROJECT_ROOT = ((): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the tests');
    dir = parent;
  }
  return dir;
})();

export const SEEDS = join(PROJECT_ROOT, 'seeds');
/** ../shared beside the checkout: present for developers and CI, absent for users. */
export const SHARED = join(PROJECT_ROOT, '..', 'shared');
export const DASHBOARD_FILE = join(SEEDS, 'safer-communities-dashboard-2014-15-q2.txt');
