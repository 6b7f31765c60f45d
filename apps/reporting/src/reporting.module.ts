import { Module, type DynamicModule } from '@nestjs/common';
import { CONSUMERS } from '@daiban/contracts';
import { WorkingCalendar, type Clock } from '@daiban/calendar';
import { coreModules, pingHandlerFor } from '@daiban/messaging';
import { AgentsHandler } from './agents/agents.handler';
import { AgentsService } from './agents/agents.service';
import { BriefingHandler } from './briefing/briefing.handler';
import { BriefingService } from './briefing/briefing.service';
import type { ReportingConfig } from './config';
import { DepartmentsHandler } from './departments/departments.handler';
import { DepartmentsService } from './departments/departments.service';
import { ExportsHandler } from './exports/exports.handler';
import { ExportsService } from './exports/exports.service';
import { InvestmentHandler } from './investment/investment.handler';
import { InvestmentService } from './investment/investment.service';
import { REPORTING_MIGRATIONS } from './migrations';
import { OverdueHandler } from './overdue/overdue.handler';
import { OverdueService } from './overdue/overdue.service';
import { OverviewHandler } from './overview/overview.handler';
import { OverviewService } from './overview/overview.service';
import { ParkEvaluationHandler } from './park-evaluation/park-evaluation.handler';
import { ParkEvaluationService } from './park-evaluation/park-evaluation.service';
import { ApprovalsProjection } from './projections/approvals.projection';
import { IdentityProjection } from './projections/identity.projection';
import { NotificationsProjection } from './projections/notifications.projection';
import { RegistryProjection } from './projections/registry.projection';
import { SupervisionOrdersProjection } from './projections/supervision-orders.projection';
import { QuarterlyDataRepository } from './quarterly/quarterly-data.repository';
import { QuarterlyHandler } from './quarterly/quarterly.handler';
import { QuarterlyService } from './quarterly/quarterly.service';
import { TargetsHandler } from './targets/targets.handler';
import { TargetsService } from './targets/targets.service';

/**
 * Working days (days overdue, days used) are counted on the State Council calendars shipped in
 * libs/calendar. The deadline instants themselves come from the workflow's events, so an admin's calendar
 * edit reaches the lights through `calendar_changed` deadline events; only these day counts could differ
 * for a year the admin edited after release — see apps/reporting/README.md.
 */
export function reportingCalendar(): WorkingCalendar {
  return WorkingCalendar.official();
}

@Module({})
export class ReportingModule {
  static forRoot(config: ReportingConfig, clock?: Clock): DynamicModule {
    return {
      module: ReportingModule,
      imports: coreModules({
        service: 'reporting',
        config,
        migrations: REPORTING_MIGRATIONS,
        relay: false,
        redis: false,
        consumers: CONSUMERS.filter((c) => c.service === 'reporting'),
        clock,
      }),
      controllers: [
        pingHandlerFor('reporting'),
        OverviewHandler,
        OverdueHandler,
        DepartmentsHandler,
        AgentsHandler,
        QuarterlyHandler,
        ParkEvaluationHandler,
        InvestmentHandler,
        BriefingHandler,
        TargetsHandler,
        ExportsHandler,
      ],
      providers: [
        { provide: WorkingCalendar, useFactory: reportingCalendar },
        RegistryProjection,
        ApprovalsProjection,
        SupervisionOrdersProjection,
        NotificationsProjection,
        IdentityProjection,
        QuarterlyDataRepository,
        TargetsService,
        OverviewService,
        OverdueService,
        DepartmentsService,
        AgentsService,
        QuarterlyService,
        ParkEvaluationService,
        InvestmentService,
        BriefingService,
        ExportsService,
      ],
    };
  }
}
