/**
 * The area hierarchies in memory, held with the reference data (src/services/reference-data.ts):
 * district → county → region → country, and district → Community Safety Partnership → police
 * force area. Answers parents, children, containing areas, and which districts and unitary
 * authorities make up an area, which is what counts are summed over.
 */
import { Area, AreaLink, AreaType } from '../entities';

const LOCAL_AUTHORITY = new Set<AreaType>([AreaType.DISTRICT, AreaType.UNITARY_AUTHORITY]);

export class GeographyIndex {
  private readonly byCode: Map<string, Area>;
  private readonly primaryChildren = new Map<string, Area[]>();
  private readonly linkedChildren = new Map<string, Area[]>();
  private readonly linkedParent = new Map<string, string>();
  private readonly constituents = new Map<string, string[]>();
  private readonly childrenOf = new Map<string, Area[]>();
  private sortedAll: Area[] | undefined;

  constructor(areas: readonly Area[], links: readonly AreaLink[]) {
    this.byCode = new Map(areas.map((area) => [area.code, area]));
    for (const area of areas) {
      if (area.parentCode) this.push(this.primaryChildren, area.parentCode, area);
    }
    for (const link of links) {
      const child = this.byCode.get(link.areaCode);
      if (!child) continue;
      this.push(this.linkedChildren, link.parentCode, child);
      this.linkedParent.set(link.areaCode, link.parentCode);
    }
    for (const list of [...this.primaryChildren.values(), ...this.linkedChildren.values()]) list.sort((a, b) => a.name.localeCompare(b.name));
  }

  private push(map: Map<string, Area[]>, key: string, area: Area): void {
    const list = map.get(key);
    if (list) list.push(area);
    else map.set(key, [area]);
  }

  get(code: string): Area | undefined {
    return this.byCode.get(code);
  }

  /** Every area, by name. */
  all(): Area[] {
    this.sortedAll ??= [...this.byCode.values()].sort((a, b) => a.name.localeCompare(b.name));
    return this.sortedAll;
  }

  /** Every area below this one through either hierarchy, each once, by name. */
  descendants(code: string): Area[] {
    const found = new Map<string, Area>();
    const queue = [code];
    while (queue.length > 0) {
      for (const child of this.children(queue.shift()!)) {
        if (found.has(child.code)) continue;
        found.set(child.code, child);
        queue.push(child.code);
      }
    }
    return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Areas directly below: a county's districts, a region's counties and unitary authorities, a CSP's districts, a force area's CSPs. */
  children(code: string): Area[] {
    let children = this.childrenOf.get(code);
    if (!children) {
      const seen = new Set<string>();
      children = [...(this.primaryChildren.get(code) ?? []), ...(this.linkedChildren.get(code) ?? [])]
        .filter((area) => !seen.has(area.code) && Boolean(seen.add(area.code)))
        .sort((a, b) => a.name.localeCompare(b.name));
      this.childrenOf.set(code, children);
    }
    return children;
  }

  /** The area of a type that contains this one, through either hierarchy; the area itself if it is of that type. */
  within(code: string, type: AreaType): Area | null {
    for (const area of this.upwards(code)) if (area.type === type) return area;
    return null;
  }

  /**
   * Whether `inner` is `outer` or lies inside it through either hierarchy (is one of
   * descendants(outer)): a county contains its districts, a force area its CSPs and their districts.
   * Walks up from `inner`, so it costs the depth of the hierarchy, not the size of `outer`.
   */
  contains(outer: string, inner: string): boolean {
    if (inner === outer) return true;
    for (const area of this.upwards(inner)) if (area.code === outer) return true;
    return false;
  }

  /** This area and every area above it through either hierarchy, nearest first, each once. */
  private *upwards(code: string): Generator<Area> {
    const seen = new Set<string>();
    const queue = [code];
    while (queue.length > 0) {
      const current = this.byCode.get(queue.shift()!);
      if (!current || seen.has(current.code)) continue;
      seen.add(current.code);
      yield current;
      if (current.parentCode) queue.push(current.parentCode);
      const linked = this.linkedParent.get(current.code);
      if (linked) queue.push(linked);
    }
  }

  /** The districts and unitary authorities that make up an area: what its counts are summed over. */
  localAuthorities(code: string): string[] {
    const cached = this.constituents.get(code);
    if (cached) return cached;
    const area = this.byCode.get(code);
    let result: string[] = [];
    if (area && LOCAL_AUTHORITY.has(area.type)) {
      result = [area.code];
    } else if (area) {
      result = [...new Set(this.children(code).flatMap((child) => this.localAuthorities(child.code)))].sort();
    }
    this.constituents.set(code, result);
    return result;
  }
}
