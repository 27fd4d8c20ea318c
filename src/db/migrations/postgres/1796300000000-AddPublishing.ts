import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated for postgres by scripts/generate-migration.ts from the entities. */
export class AddPublishing1796300000000 implements MigrationInterface {
  name = 'AddPublishing1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_event" ("id" character varying(60) NOT NULL, "at" character varying(30) NOT NULL, "key_id" character varying(40) NOT NULL, "key_name" character varying(200) NOT NULL, "action" character varying(40) NOT NULL, "target" character varying(400) NOT NULL, "area_code" character varying(16), "before" text, "after" text, "reason" text, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_target" ON "audit_event" ("target") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_at" ON "audit_event" ("at", "id") `);
    await queryRunner.query(`ALTER TABLE "dashboard" ADD "status" character varying(10) NOT NULL DEFAULT 'PUBLISHED'`);
    await queryRunner.query(`ALTER TABLE "dashboard" ADD "published_at" character varying(30)`);
    await queryRunner.query(`ALTER TABLE "dashboard" ADD "previous_slug" character varying(120)`);
    // Each existing outcome starts its own series (edited: the generated NOT NULL column had no value for existing rows).
    await queryRunner.query(`ALTER TABLE "outcome" ADD "series_id" character varying(160)`);
    await queryRunner.query(`UPDATE "outcome" SET "series_id" = "id"`);
    await queryRunner.query(`ALTER TABLE "outcome" ALTER COLUMN "series_id" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_outcome_series" ON "outcome" ("series_id") `);
    await queryRunner.query(`ALTER TABLE "dashboard" ADD CONSTRAINT "FK_568cfc088ea1f8dff9f54663a2d" FOREIGN KEY ("previous_slug") REFERENCES "dashboard"("slug") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dashboard" DROP CONSTRAINT "FK_568cfc088ea1f8dff9f54663a2d"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outcome_series"`);
    await queryRunner.query(`ALTER TABLE "outcome" DROP COLUMN "series_id"`);
    await queryRunner.query(`ALTER TABLE "dashboard" DROP COLUMN "previous_slug"`);
    await queryRunner.query(`ALTER TABLE "dashboard" DROP COLUMN "published_at"`);
    await queryRunner.query(`ALTER TABLE "dashboard" DROP COLUMN "status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_target"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
