import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated for postgres by scripts/generate-migration.ts from the entities (Observation.embargo: a
 * value supplied for a DRAFT dashboard stays unpublished until the dashboard is; the values index
 * holds it, so that sums of monthly counts still read the index alone; a partial index finds the
 * values waiting for a draft when it is published), renumbered to follow AddApiKeys1796300000001
 * so that every database runs the migrations in one order.
 */
export class AddEmbargo1796300000002 implements MigrationInterface {
  name = 'AddEmbargo1796300000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_observation_values"`);
    await queryRunner.query(`ALTER TABLE "observation" ADD "embargo" character varying(120)`);
    await queryRunner.query(`CREATE INDEX "ix_observation_embargo" ON "observation" ("embargo") WHERE embargo IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_observation_values" ON "observation" ("indicator_id", "area_code", "period_key", "value", "embargo") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_observation_values"`);
    await queryRunner.query(`DROP INDEX "public"."ix_observation_embargo"`);
    await queryRunner.query(`ALTER TABLE "observation" DROP COLUMN "embargo"`);
    await queryRunner.query(`CREATE INDEX "ix_observation_values" ON "observation" ("indicator_id", "area_code", "period_key", "value") `);
  }
}
