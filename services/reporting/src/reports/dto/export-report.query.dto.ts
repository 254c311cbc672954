import { IntersectionType } from '@nestjs/swagger';
import { ExportFileQueryDto } from '@crm/common';
import { ReportQueryDto } from './report-query.dto.js';

/** A report's filters plus the file format (csv | xlsx) and CSV delimiter. */
export class ExportReportQueryDto extends IntersectionType(ReportQueryDto, ExportFileQueryDto) {}
