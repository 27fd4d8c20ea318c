/** A problem with one item of a mutation's input: where (`values[3].period`) and what. The whole mutation then changes nothing. */
export interface InputProblem {
  readonly path: string;
  readonly message: string;
}
