import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { visibilityLevel, type AuthUser } from '@crm/auth';
import { createValidationPipe, decodeKeysetCursor, Problems, ProblemException, RequestContext, type FieldError, type Page } from '@crm/common';
import { timeKeysetPage } from '@crm/database';
import { CatalogLookup } from '../../catalogs/catalog-lookup.service.js';
import { ContactAssignmentService } from '../../contacts/contact-assignment.service.js';
import { TeamPolicy } from '../../teams/team-policy.js';
import { ImportOptionsDto, type ImportOptions } from './dto/import-options.dto.js';
import type { ListImportJobsQueryDto } from './dto/list-import-jobs.query.dto.js';
import { IGNORE_COLUMN, IMPORT_FIELDS } from '../parsing/import-fields.js';
import { ImportFileStore } from '../jobs/import-file-store.js';
import { ImportJob } from '../jobs/import-job.entity.js';
import { toImportJobView, type ImportJobView } from './import-job.view.js';
import type { ReceivedUpload } from './import-upload.receiver.js';
import { ImportWorker } from '../jobs/import-worker.service.js';

const optionsPipe = createValidationPipe();
const MAX_MAPPING_ENTRIES = 200;

/** Import jobs as the API sees them: queue one, read its progress, list them, read its rejected rows. */
@Injectable()
export class ImportJobsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly files: ImportFileStore,
    private readonly worker: ImportWorker,
    private readonly catalogs: CatalogLookup,
    private readonly assignment: ContactAssignmentService,
    private readonly teams: TeamPolicy,
  ) {}

  async queue(user: AuthUser, upload: ReceivedUpload): Promise<ImportJobView> {
    try {
      const options = await this.resolveOptions(user, upload.optionsJson);
      const job = this.dataSource.manager.create(ImportJob, {
        tenantId: user.tenantId,
        status: 'queued',
        fileName: upload.fileName,
        fileFormat: upload.sniffed.format,
        fileEncoding: upload.sniffed.format === 'csv' ? upload.sniffed.encoding : 'xlsx',
        sizeBytes: upload.sizeBytes,
        objectKeys: upload.objectKeys,
        options,
        dryRun: options.dryRun,
        correlationId: RequestContext.correlationId() ?? null,
        requestedBy: user.id,
        actor: { kind: user.kind, id: user.id, roles: user.roles, teamIds: user.teamIds, scopes: user.scopes },
      });
      const saved = await this.dataSource.manager.save(job);
      this.worker.wake();
      return toImportJobView(await this.dataSource.manager.findOneByOrFail(ImportJob, { id: saved.id }));
    } catch (error) {
      await this.files.removeAll(upload.objectKeys);
      throw error;
    }
  }

  async get(user: AuthUser, id: string): Promise<ImportJobView> {
    return toImportJobView(await this.findVisible(user, id));
  }

  async list(user: AuthUser, query: ListImportJobsQueryDto): Promise<Page<ImportJobView>> {
    const builder = this.dataSource.manager.createQueryBuilder(ImportJob, 'j').where('j.tenant_id = :tenantId', { tenantId: user.tenantId });
    if (visibilityLevel(user) !== 'all') builder.andWhere('j.requested_by = :userId', { userId: user.id });
    if (query.status) builder.andWhere('j.status = :status', { status: query.status });
    const cursor = decodeKeysetCursor(query.cursor, ['time', 'uuid']);
    if (cursor) builder.andWhere('(j.created_at, j.id) < (:cursorAt, :cursorId)', { cursorAt: cursor[0], cursorId: cursor[1] });
    return timeKeysetPage(builder.orderBy('j.created_at', 'DESC').addOrderBy('j.id', 'DESC'), query.limit, 'j.created_at', toImportJobView);
  }

  /** Admins see every job of the tenant; a manager sees the jobs they started. Anything else is "not found". */
  async findVisible(user: AuthUser, id: string): Promise<ImportJob> {
    const job = await this.dataSource.manager.findOneBy(ImportJob, { id, tenantId: user.tenantId });
    if (!job || (visibilityLevel(user) !== 'all' && job.requestedBy !== user.id)) throw Problems.notFound('La importación no existe o no es visible para usted.');
    return job;
  }

  /** A page of rejected rows (keyset on the row number), for the streamed CSV. */
  async rejectedPage(job: ImportJob, afterRow: number, size: number): Promise<{ row_number: number; raw: string; reason: string }[]> {
    return this.dataSource.query('SELECT row_number, raw, reason FROM contacts.import_rejected_row WHERE job_id = $1 AND tenant_id = $2 AND row_number > $3 ORDER BY row_number LIMIT $4', [
      job.id,
      job.tenantId,
      afterRow,
      size,
    ]);
  }

  private async resolveOptions(user: AuthUser, json: string | undefined): Promise<ImportOptions> {
    let raw: unknown = {};
    if (json !== undefined && json.trim() !== '') {
      try {
        raw = JSON.parse(json);
      } catch {
        throw Problems.invalid([{ field: 'options', message: 'Las opciones deben ser un objeto JSON válido.' }]);
      }
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw Problems.invalid([{ field: 'options', message: 'Las opciones deben ser un objeto JSON.' }]);
    const dto = (await optionsPipe.transform(raw, { type: 'body', metatype: ImportOptionsDto }).catch((error: unknown) => {
      if (error instanceof ProblemException) throw Problems.invalid(prefixed(error.extras.errors ?? []));
      throw error;
    })) as ImportOptionsDto;
    this.assertMapping(dto.mapping ?? {});
    if (dto.ownerId) await this.assignment.activeOwner(this.dataSource.manager, user.tenantId, dto.ownerId).catch(rename('options.ownerId'));
    if (dto.sourceId) await this.catalogs.assertSelectableSource(this.dataSource.manager, user.tenantId, dto.sourceId).catch(rename('options.sourceId'));
    await this.teams.assertUsable(this.dataSource.manager, user, dto.teamId).catch(rename('options.teamId'));
    return {
      mapping: dto.mapping ?? {},
      kind: dto.kind ?? 'person',
      lifecycle: dto.lifecycle ?? 'prospect',
      dedupeOn: dto.dedupeOn ?? 'email',
      onDuplicate: dto.onDuplicate ?? 'skip',
      dryRun: dto.dryRun ?? false,
      sourceId: dto.sourceId ?? null,
      ownerId: dto.ownerId ?? null,
      teamId: dto.teamId ?? user.teamIds[0] ?? null,
      sharedWithTeam: dto.sharedWithTeam ?? true,
      delimiter: dto.delimiter ?? null,
    };
  }

  private assertMapping(mapping: Record<string, unknown>): void {
    const allowed = new Set<string>([...IMPORT_FIELDS, IGNORE_COLUMN]);
    const errors: FieldError[] = [];
    const entries = Object.entries(mapping);
    if (entries.length > MAX_MAPPING_ENTRIES) errors.push({ field: 'options.mapping', message: `Como máximo ${MAX_MAPPING_ENTRIES} columnas.` });
    for (const [header, field] of entries) {
      if (typeof field !== 'string' || !allowed.has(field)) {
        errors.push({ field: `options.mapping.${header}`, message: `Campo desconocido «${String(field)}»; use uno de: ${[...allowed].join(', ')}.` });
      }
    }
    if (errors.length > 0) throw Problems.invalid(errors);
  }
}

function prefixed(errors: FieldError[]): FieldError[] {
  return errors.map((error) => ({ ...error, field: `options.${error.field}` }));
}

/** The lookups name the DTO field ("ownerId"); in a multipart upload it lives under "options". */
function rename(field: string) {
  return (error: unknown): never => {
    if (error instanceof ProblemException && error.getStatus() === 400) throw Problems.invalid((error.extras.errors ?? []).map((e) => ({ ...e, field })));
    throw error;
  };
}
