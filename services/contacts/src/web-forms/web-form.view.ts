import { API_PREFIX } from '@crm/common';
import type { WebForm } from './web-form.entity.js';

export function toWebFormView(form: WebForm) {
  return {
    id: form.id,
    name: form.name,
    formKey: form.formKey,
    /** Where the page POSTs (through the gateway, no login). */
    submitUrl: `/${API_PREFIX}/public/forms/${form.formKey}/submissions`,
    sourceId: form.sourceId,
    defaultTeamId: form.defaultTeamId,
    defaultOwnerId: form.defaultOwnerId,
    allowedFields: form.allowedFields,
    active: form.active,
    redirectUrl: form.redirectUrl,
    thankYouText: form.thankYouText,
    submissionCount: form.submissionCount,
    lastSubmissionAt: form.lastSubmissionAt?.toISOString() ?? null,
    createdBy: form.createdBy,
    createdAt: form.createdAt.toISOString(),
    updatedAt: form.updatedAt.toISOString(),
    version: form.version,
  };
}

export type WebFormView = ReturnType<typeof toWebFormView>;
