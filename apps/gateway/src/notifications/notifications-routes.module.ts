import { Module } from '@nestjs/common';
import { ChannelTargetsController } from './channel-targets.controller';
import { ItemRemindersController } from './item-reminders.controller';
import { MeNotificationsController } from './me-notifications.controller';
import { SupervisionOrdersController } from './supervision-orders.controller';

/** The notifications service's HTTP routes; RpcClient comes from the global MessagingModule. */
@Module({
  controllers: [
    MeNotificationsController,
    SupervisionOrdersController,
    ItemRemindersController,
    ChannelTargetsController,
  ],
})
export class NotificationsRoutesModule {}
