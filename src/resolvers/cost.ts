/** Query complexity of the judgements: they read many values, so they count for many fields. */
export const COST = { judgement: 100, comparison: 500 } as const;
