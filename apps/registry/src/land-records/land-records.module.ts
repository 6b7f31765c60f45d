import { Module } from '@nestjs/common';
import { ParksModule } from '../parks/parks.module';
import { LandRecordsHandler } from './land-records.handler';
import { LandRecordsService } from './land-records.service';

@Module({ imports: [ParksModule], controllers: [LandRecordsHandler], providers: [LandRecordsService] })
export class LandRecordsModule {}
