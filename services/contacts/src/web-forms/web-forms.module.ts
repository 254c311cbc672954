import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity/activity.module.js';
import { CatalogsModule } from '../catalogs/catalogs.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { PrivacyModule } from '../privacy/privacy.module.js';
import { FormRateLimiter } from './form-rate-limiter.js';
import { FormSubmissionService } from './form-submission.service.js';
import { PublicFormSubmissionsController } from './public-form-submissions.controller.js';
import { WebForm } from './web-form.entity.js';
import { WebFormsController } from './web-forms.controller.js';
import { WebFormsService } from './web-forms.service.js';

/** Web-to-lead: admin-managed forms and their public submission endpoint. */
@Module({
  imports: [TypeOrmModule.forFeature([WebForm]), ContactsModule, CatalogsModule, ActivityModule, PrivacyModule],
  controllers: [WebFormsController, PublicFormSubmissionsController],
  providers: [WebFormsService, FormSubmissionService, FormRateLimiter],
})
export class WebFormsModule {}
