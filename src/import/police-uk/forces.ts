/** police.uk names forces by slug (leicestershire, west-mercia); ONS names their areas by code. */
import { slugify } from '../dashboard.importer';

/** Where police.uk's slug is not the slug of the ONS police force area name. */
const SPECIAL: Record<string, string> = {
  'Metropolitan Police': 'metropolitan',
  'London, City of': 'city-of-london',
};

export function forceSlug(policeForceAreaName: string): string {
  return SPECIAL[policeForceAreaName] ?? slugify(policeForceAreaName);
}
