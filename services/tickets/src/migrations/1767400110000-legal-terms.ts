import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The legal term (business days) per PQR class and tenant; rows seeded with the law's defaults on first use. */
export class LegalTerms1767400110000 implements MigrationInterface {
  name = 'LegalTerms1767400110000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tickets.legal_term (
        tenant_id uuid NOT NULL,
        pqr_class text NOT NULL CHECK (pqr_class IN ('peticion_general', 'peticion_documentos', 'consulta', 'queja', 'reclamo', 'sugerencia', 'felicitacion', 'denuncia')),
        term_days integer NOT NULL CHECK (term_days BETWEEN 1 AND 365),
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid,
        PRIMARY KEY (tenant_id, pqr_class)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE tickets.legal_term');
  }
}
