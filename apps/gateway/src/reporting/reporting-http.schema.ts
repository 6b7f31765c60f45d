import { z } from 'zod';
import {
  EXPORT_FORMATS,
  countyCodeSchema,
  overdueRequestSchema,
  reportQuarterSchema,
  reportYearSchema,
  reportingTargetsPut,
} from '@daiban/contracts';

/** Absent: the JSON report; otherwise the same report as a file. */
const format = { format: z.enum(EXPORT_FORMATS).optional() };
/** Query strings carry text: `major=true`, never a JSON boolean. */
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** One county of a city-wide scope (see `narrowToCounty`); the briefing's own `countyCode` is its subject. */
const county = { countyCode: countyCodeSchema.optional() };

export const formatOnlyQuery = z.strictObject({ ...county, ...format });
export const overdueQuery = overdueRequestSchema.extend({ major: flag.optional(), ...format });
export const departmentsQuery = z.strictObject({ year: reportYearSchema.optional(), ...county, ...format });
export const yearQuery = z.strictObject({ year: reportYearSchema, ...county, ...format });
export const quarterQuery = z.strictObject({
  year: reportYearSchema,
  quarter: reportQuarterSchema,
  ...county,
  ...format,
});
export const briefingQuery = quarterQuery;

export const yearParams = z.strictObject({ year: reportYearSchema });
export const emptyQuery = z.strictObject({});
/** The year comes from the path. */
export const targetsPutBody = reportingTargetsPut.request.omit({ year: true });
