import { Module, type DynamicModule } from '@nestjs/common';
import { CONSUMERS } from '@daiban/contracts';
import type { Clock } from '@daiban/calendar';
import { coreModules, pingHandlerFor } from '@daiban/messaging';
import { ChannelTargetsHandler } from './channels/channel-targets.handler';
import { ChannelTargetsRepository } from './channels/channel-targets.repository';
import { EmailSender } from './channels/email.sender';
import { LoggingSmsProvider, SmsProvider } from './channels/sms-provider.port';
import { WebhookSender } from './channels/webhook.sender';
import type { NotificationsConfig } from './config';
import { DeliveriesRepository } from './deliveries/deliveries.repository';
import { DeliveryJobsRepository } from './deliveries/delivery-jobs.repository';
import { DeliveryProcessor } from './deliveries/delivery.processor';
import { DispatcherService } from './deliveries/dispatcher.service';
import { DigestRepository } from './digest/digest.repository';
import { DigestService } from './digest/digest.service';
import { InboxHandler } from './inbox/inbox.handler';
import { InboxRepository } from './inbox/inbox.repository';
import { NOTIFICATIONS_MIGRATIONS } from './migrations';
import { PreferencesHandler } from './preferences/preferences.handler';
import { PreferencesRepository } from './preferences/preferences.repository';
import { queueProviders } from './queues/queues.providers';
import { QueueWorkersLifecycle } from './queues/queue-workers.lifecycle';
import { PgRecipientDirectory } from './recipients/pg-recipient-directory.repository';
import { RecipientDirectory } from './recipients/recipient-directory.port';
import { RecipientsHandler } from './recipients/recipients.handler';
import { IdentityConsumer } from './recipients/identity.consumer';
import { ContactLookup } from './recipients/contact-lookup.service';
import { DeadlinesRepository } from './reminders/deadlines.repository';
import { EscalationLadder } from './reminders/escalation-ladder.policy';
import { ReminderFiringService } from './reminders/reminder-firing.service';
import { ReminderJobsRepository } from './reminders/reminder-jobs.repository';
import { ReminderProcessor } from './reminders/reminder.processor';
import { ReminderService } from './reminders/reminder.service';
import { ReminderSweeper } from './reminders/reminder.sweeper';
import { RemindersHandler } from './reminders/reminders.handler';
import { NOTIFICATIONS_CONFIG } from './shared/notifications-config.token';
import { ThresholdsHandler } from './thresholds/thresholds.handler';
import { workingCalendarProvider } from './shared/working-calendar.provider';
import { TransactionHooks } from './shared/transaction-hooks';
import { WorkflowEventsConsumer } from './workflow-events/workflow-events.consumer';
import { TaskForcesConsumer } from './task-forces/task-forces.consumer';
import { TaskForcesRepository } from './task-forces/task-forces.repository';
import { SupervisionOrdersHandler } from './supervision-orders/supervision-orders.handler';
import { SupervisionOrdersRepository } from './supervision-orders/supervision-orders.repository';
import { SupervisionOrdersService } from './supervision-orders/supervision-orders.service';

@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig, clock?: Clock): DynamicModule {
    return {
      module: NotificationsModule,
      imports: coreModules({
        service: 'notifications',
        config,
        migrations: NOTIFICATIONS_MIGRATIONS,
        relay: true,
        redis: true,
        consumers: CONSUMERS.filter((c) => c.service === 'notifications'),
        clock,
      }),
      controllers: [
        pingHandlerFor('notifications'),
        ThresholdsHandler,
        InboxHandler,
        PreferencesHandler,
        ChannelTargetsHandler,
        SupervisionOrdersHandler,
        RemindersHandler,
        RecipientsHandler,
      ],
      providers: [
        { provide: NOTIFICATIONS_CONFIG, useValue: config },
        workingCalendarProvider,
        ...queueProviders,
        QueueWorkersLifecycle,
        // recipients
        { provide: RecipientDirectory, useClass: PgRecipientDirectory },
        IdentityConsumer,
        ContactLookup,
        TransactionHooks,
        WorkflowEventsConsumer,
        TaskForcesConsumer,
        TaskForcesRepository,
        // reminders
        DeadlinesRepository,
        ReminderJobsRepository,
        ReminderService,
        EscalationLadder,
        ReminderFiringService,
        ReminderProcessor,
        ReminderSweeper,
        // supervision orders
        SupervisionOrdersRepository,
        SupervisionOrdersService,
        // inbox, preferences, channels, deliveries
        InboxRepository,
        PreferencesRepository,
        ChannelTargetsRepository,
        EmailSender,
        WebhookSender,
        { provide: SmsProvider, useClass: LoggingSmsProvider },
        DeliveriesRepository,
        DeliveryJobsRepository,
        DispatcherService,
        DeliveryProcessor,
        // digest
        DigestRepository,
        DigestService,
      ],
      exports: [ReminderService, DispatcherService, RecipientDirectory],
    };
  }
}
