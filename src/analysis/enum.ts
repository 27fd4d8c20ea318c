/**
 * Each enum of the domain is one list of names. `enumOf` turns the list into an object whose keys
 * are its values (`Direction.IMPROVING === 'IMPROVING'`), usable as a value, as a type and by the
 * GraphQL layer's registerEnumType, so no enum is written out twice and no cast joins two copies.
 */
export type EnumObject<T extends readonly string[]> = { readonly [K in T[number]]: K };

export function enumOf<const T extends readonly string[]>(values: T): EnumObject<T> {
  return Object.freeze(Object.fromEntries(values.map((value) => [value, value]))) as EnumObject<T>;
}
