import { Body, Controller, HttpCode, Logger, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createValidationPipe, ProblemException, Problems, Public } from '@crm/common';
import { FormSubmissionDto } from './dto/form-submission.dto.js';
import { FormRateLimiter } from './form-rate-limiter.js';
import { FormSubmissionService, type SubmissionReceipt } from './form-submission.service.js';
import { HONEYPOT_FIELD } from './web-form-fields.js';

/** A form has a handful of short fields: anything bigger is not a person typing. */
export const MAX_SUBMISSION_BYTES = 16 * 1024;

/**
 * The public end of web-to-lead: no login (the gateway forwards `public/*` without a token check
 * and limits each IP), a per-IP-and-form limit here too, a honeypot, and an answer that says
 * nothing about what was stored (never the contact id, never whether it already existed).
 */
@ApiTags('web forms')
@Public()
@Controller('public/forms')
export class PublicFormSubmissionsController {
  private readonly logger = new Logger(PublicFormSubmissionsController.name);
  private readonly validation = createValidationPipe();

  constructor(
    private readonly submissions: FormSubmissionService,
    private readonly limiter: FormRateLimiter,
  ) {}

  @Post(':formKey/submissions')
  @HttpCode(202)
  @ApiBody({ type: FormSubmissionDto })
  @ApiOperation({ summary: 'Public: submit a web form (no login). 202 with a generic message; 404 unknown or inactive form; 429 too many from one address' })
  async submit(@Param('formKey') formKey: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SubmissionReceipt> {
    if (Number(request.headers['content-length'] ?? 0) > MAX_SUBMISSION_BYTES) throw Problems.tooLarge('El formulario enviado es demasiado grande.');
    // Behind the gateway request.ip is the client it saw (X-Forwarded-For from TRUSTED_PROXIES only).
    const decision = await this.limiter.hit(request.ip, formKey);
    if (!decision.allowed) {
      void reply.header('retry-after', String(decision.retryAfterSeconds));
      throw new ProblemException(429, `Demasiados envíos; espere ${decision.retryAfterSeconds} s.`);
    }
    const form = await this.submissions.activeForm(formKey);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw Problems.invalid([{ field: 'body', message: 'Envíe los campos del formulario como un objeto JSON.' }]);
    const fields = body as Record<string, unknown>;
    const honeypot = fields[HONEYPOT_FIELD];
    if (honeypot !== undefined && honeypot !== null && honeypot !== '') {
      // Looks like success, so the bot learns nothing; nothing is stored.
      this.logger.log(`form ${form.id}: honeypot filled from ${request.ip}; submission dropped`);
      return this.submissions.receipt(form);
    }
    this.submissions.assertAllowed(form, fields);
    const dto = (await this.validation.transform(fields, { type: 'body', metatype: FormSubmissionDto })) as FormSubmissionDto;
    await this.submissions.submit(form, dto);
    return this.submissions.receipt(form);
  }
}
