import { Module, type DynamicModule } from '@nestjs/common';
import { CONSUMERS } from '@daiban/contracts';
import type { Clock } from '@daiban/calendar';
import { coreModules, pingHandlerFor } from '@daiban/messaging';
import { CalendarHandler } from './calendar/calendar.handler';
import { CalendarRepository } from './calendar/calendar.repository';
import { CalendarService } from './calendar/calendar.service';
import { CasesHandler } from './cases/cases.handler';
import { CasesRepository } from './cases/cases.repository';
import { CasesService } from './cases/cases.service';
import { CatalogHandler } from './catalog/catalog.handler';
import { CatalogRepository } from './catalog/catalog.repository';
import { CatalogService } from './catalog/catalog.service';
import { WorkflowEvents } from './common/workflow-events.service';
import { WORKFLOW_CONFIG, type WorkflowConfig } from './config';
import { ThresholdsHandler } from './thresholds/thresholds.handler';
import { AttachmentLinks } from './attachments/attachment-links.repository';
import { AttachmentsHandler } from './attachments/attachments.handler';
import { AttachmentsRepository } from './attachments/attachments.repository';
import { AttachmentsService } from './attachments/attachments.service';
import { BLOB_STORAGE, blobStorageFor } from './attachments/blob-storage.provider';
import { ImportHandler } from './import/import.handler';
import { ImportService } from './import/import.service';
import { RequestDeadlineService } from './requests/request-deadline.service';
import { RequestsHandler } from './requests/requests.handler';
import { RequestsRepository } from './requests/requests.repository';
import { RequestsService } from './requests/requests.service';
import { ItemDeadlineService } from './items/item-deadline.service';
import { ItemsHandler } from './items/items.handler';
import { ItemsRepository } from './items/items.repository';
import { ItemsService } from './items/items.service';
import { LedgerHandler } from './ledger/ledger.handler';
import { LedgerRepository } from './ledger/ledger.repository';
import { LedgerService } from './ledger/ledger.service';
import { WORKFLOW_MIGRATIONS } from './migrations';
import { PlanHandler } from './plan/plan.handler';
import { PlanService } from './plan/plan.service';
import { ProjectsConsumer } from './projects/projects.consumer';
import { ProjectsRepository } from './projects/projects.repository';
import { SealRegisterHandler } from './seal-register/seal-register.handler';
import { SealRegisterRepository } from './seal-register/seal-register.repository';
import { SealRegisterService } from './seal-register/seal-register.service';

@Module({})
export class WorkflowModule {
  static forRoot(config: WorkflowConfig, clock?: Clock): DynamicModule {
    return {
      module: WorkflowModule,
      imports: coreModules({
        service: 'workflow',
        config,
        migrations: WORKFLOW_MIGRATIONS,
        relay: true,
        redis: false,
        consumers: CONSUMERS.filter((c) => c.service === 'workflow'),
        clock,
      }),
      controllers: [
        pingHandlerFor('workflow'),
        ThresholdsHandler,
        CalendarHandler,
        CatalogHandler,
        CasesHandler,
        ItemsHandler,
        LedgerHandler,
        SealRegisterHandler,
        PlanHandler,
        RequestsHandler,
        AttachmentsHandler,
        ImportHandler,
      ],
      providers: [
        WorkflowEvents,
        CalendarRepository,
        CalendarService,
        CatalogRepository,
        CatalogService,
        ProjectsRepository,
        ProjectsConsumer,
        CasesRepository,
        CasesService,
        ItemsRepository,
        ItemDeadlineService,
        ItemsService,
        LedgerRepository,
        LedgerService,
        SealRegisterRepository,
        SealRegisterService,
        PlanService,
        { provide: WORKFLOW_CONFIG, useValue: config },
        { provide: BLOB_STORAGE, useValue: blobStorageFor(config) },
        RequestsRepository,
        RequestDeadlineService,
        RequestsService,
        AttachmentLinks,
        AttachmentsRepository,
        AttachmentsService,
        ImportService,
      ],
    };
  }
}
