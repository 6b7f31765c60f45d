import { Module } from '@nestjs/common';
import { EnterprisesHandler } from './enterprises.handler';
import { EnterprisesService } from './enterprises.service';

@Module({ controllers: [EnterprisesHandler], providers: [EnterprisesService], exports: [EnterprisesService] })
export class EnterprisesModule {}
