import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { archiveSettingsProvider } from './archive-settings.js';
import { ArchiveService } from './archive.service.js';
import { ForumController } from './forum.controller.js';
import { ForumService } from './forum.service.js';
import { JournaliseDecisionJob } from './journalise.job.js';
import { MeetingPackService } from './meeting-pack.service.js';

/**
 * The mayors' forum's meeting: the meeting pack (agenda by kind, what
 * changed), the agenda pack and minutes as tagged PDFs, and the journal of
 * its decisions in the case archive (ARCHIVE_DIR or ARCHIVE_URL).
 */
@Module({
  imports: [PlansModule, ProjectsModule],
  controllers: [ForumController],
  providers: [archiveSettingsProvider, MeetingPackService, ArchiveService, ForumService, JournaliseDecisionJob],
})
export class ForumModule {}
