import { Module } from '@nestjs/common';
import { ReportExportService } from './report-export.service';
import { ReportsController } from './reports.controller';
import { TargetsController } from './targets.controller';

/** The reporting service's HTTP routes; RpcClient comes from the global MessagingModule. */
@Module({
  controllers: [ReportsController, TargetsController],
  providers: [ReportExportService],
})
export class ReportingRoutesModule {}
