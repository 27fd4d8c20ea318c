/**
 * Summing district populations into larger areas. The ONS files shipped here give no separate
 * estimate for two tiny authorities in some years: the Isles of Scilly are counted in Cornwall's
 * figure (every year), and the City of London in Hackney's (2020 only). A sum that includes the
 * authority it is merged into is still whole, so it is used; any other gap makes the sum null.
 */
export const POPULATION_MERGED_INTO: Readonly<Record<string, { into: string; name: string; years: readonly number[] | 'all' }>> = {
  E06000053: { into: 'E06000052', name: 'the Isles of Scilly', years: 'all' }, // Cornwall's figure includes them
  E09000001: { into: 'E09000012', name: 'the City of London', years: [2020] }, // the 2020 source merges it into Hackney
};

function mergedInto(code: string, year: number): string | null {
  const merge = POPULATION_MERGED_INTO[code];
  return merge && (merge.years === 'all' || merge.years.includes(year)) ? merge.into : null;
}

/** The sum of the districts' populations in a year, or null when one is missing and not merged into another of them. */
export function sumPopulations(codes: readonly string[], year: number, populationOf: (code: string) => number | undefined): number | null {
  let total = 0;
  for (const code of codes) {
    const population = populationOf(code);
    if (population !== undefined) {
      total += population;
      continue;
    }
    const host = mergedInto(code, year);
    if (!host || !codes.includes(host) || populationOf(host) === undefined) return null;
  }
  return total;
}
