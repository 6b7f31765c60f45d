import { Module } from '@nestjs/common';
import { ParksHandler } from './parks.handler';
import { ParksService } from './parks.service';

@Module({ controllers: [ParksHandler], providers: [ParksService], exports: [ParksService] })
export class ParksModule {}
