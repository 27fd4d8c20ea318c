/** What every judgement needs: the indicator's facts for the pure functions, and values as points. */
import { PeriodInfo, periodFromKey } from '../../analysis/periods';
import { IndicatorFacts, ValuePoint } from '../../analysis/types';
import { Area, Indicator, Observation, ValueType } from '../../entities';
import { Loaders } from '../../loaders';
import { ReferenceData } from '../reference-data';
import { ValueService } from '../values';

/** The request's view of the data, shared by the judgement modules. */
export interface JudgementScope {
  readonly reference: ReferenceData;
  readonly values: ValueService;
  readonly loaders: Loaders;
}

export function factsOf(indicator: Indicator): IndicatorFacts {
  return {
    name: indicator.name,
    valueType: indicator.valueType,
    polarity: indicator.polarity,
    decimals: indicator.decimals,
    unit: indicator.unit,
    multiplier: indicator.multiplier ?? (indicator.valueType === ValueType.PERCENTAGE ? 100 : 1),
  };
}

export function pointOf(observation: Observation, area: Area): ValuePoint {
  return {
    areaName: area.name,
    areaCode: area.code,
    period: periodFromKey(observation.periodKey),
    value: observation.value,
    numerator: observation.numerator,
    denominator: observation.denominator,
    lowerCI95: observation.lowerCI95,
    upperCI95: observation.upperCI95,
    lowerCI998: observation.lowerCI998,
    upperCI998: observation.upperCI998,
  };
}

/** A point for an area with no value: comparisons list it as NOT_COMPARED rather than dropping it. */
export function emptyPoint(area: Area, period: PeriodInfo): ValuePoint {
  return { areaName: area.name, areaCode: area.code, period, value: null, numerator: null, denominator: null };
}

/** The observation when it has a value. */
export function usable(observation: Observation | null): Observation | null {
  return observation && observation.value !== null ? observation : null;
}
