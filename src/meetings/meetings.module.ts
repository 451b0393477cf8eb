import { Module } from '@nestjs/common';
import { AgendaService } from './agenda.service.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsService } from './meetings.service.js';

@Module({
  controllers: [MeetingsController],
  providers: [MeetingsService, AgendaService],
  exports: [AgendaService],
})
export class MeetingsModule {}
