import { API_PREFIX } from '@crm/common';
import type { ImportJob } from '../jobs/import-job.entity.js';

/** The public shape of an import job. */
export function toImportJobView(job: ImportJob) {
  const { mapping, kind, lifecycle, dedupeOn, onDuplicate, sourceId, ownerId, teamId, sharedWithTeam, delimiter } = job.options;
  return {
    id: job.id,
    status: job.status,
    phase: job.phase,
    dryRun: job.dryRun,
    fileName: job.fileName,
    format: job.fileFormat,
    encoding: job.fileEncoding,
    sizeBytes: job.sizeBytes,
    options: { mapping, kind, lifecycle, dedupeOn, onDuplicate, sourceId, ownerId, teamId, sharedWithTeam, delimiter },
    progress: job.progress,
    counts: {
      total: job.totalRows,
      processed: job.processedRows,
      created: job.createdCount,
      updated: job.updatedCount,
      skipped: job.skippedCount,
      rejected: job.rejectedCount,
    },
    timings: job.timings,
    error: job.error,
    requestedBy: job.requestedBy,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    rejectedRowsUrl: job.rejectedCount > 0 ? `/${API_PREFIX}/contacts/imports/${job.id}/rejected-rows` : null,
  };
}

export type ImportJobView = ReturnType<typeof toImportJobView>;
