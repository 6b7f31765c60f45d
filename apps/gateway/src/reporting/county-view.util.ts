import { DomainError, type Caller } from '@daiban/contracts';
import { MESSAGES } from '../messages';

/**
 * `?countyCode=` on a report: a reader whose scope spans counties (a city leader, a city-level department)
 * looks at one of them. The scope only ever narrows, so the reporting service's scope filters do the rest
 * and every report, file exports included, holds that county alone; a county outside the scope is refused.
 */
export function narrowToCounty(caller: Caller, countyCode: string | undefined): Caller {
  if (countyCode === undefined) return caller;
  const { scope } = caller;
  if (scope.kind === 'city') return { ...caller, scope: { kind: 'county', countyCode } };
  if (scope.kind === 'county' && scope.countyCode === countyCode) return caller;
  if (scope.kind === 'department' && (scope.countyCode === null || scope.countyCode === countyCode)) {
    return { ...caller, scope: { ...scope, countyCode } };
  }
  throw new DomainError('FORBIDDEN', MESSAGES.reportCountyOutsideScope);
}
