import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated for sqlite by scripts/generate-migration.ts from the entities (Observation.embargo: a
 * value supplied for a DRAFT dashboard stays unpublished until the dashboard is; the values index
 * holds it, so that sums of monthly counts still read the index alone; a partial index finds the
 * values waiting for a draft when it is published), renumbered to follow AddApiKeys1796300000001
 * so that every database runs the migrations in one order.
 */
export class AddEmbargo1796300000002 implements MigrationInterface {
  name = 'AddEmbargo1796300000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_observation_values"`);
    await queryRunner.query(`DROP INDEX "ix_observation_area_period"`);
    await queryRunner.query(`CREATE TABLE "temporary_observation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "indicator_id" varchar(120) NOT NULL, "area_code" varchar(16) NOT NULL, "period_key" varchar(15) NOT NULL, "value" double precision, "printed" varchar(40), "period_label" varchar(100), "numerator" double precision, "denominator" double precision, "lower_ci95" double precision, "upper_ci95" double precision, "lower_ci998" double precision, "upper_ci998" double precision, "note" text, "source" text, "embargo" varchar(120), CONSTRAINT "uq_observation_indicator_area_period" UNIQUE ("indicator_id", "area_code", "period_key"), CONSTRAINT "FK_358a667a0860df5e6245fd05ed4" FOREIGN KEY ("period_key") REFERENCES "period" ("key") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_80f4a64a2f0e8cf027bc4bbfe6b" FOREIGN KEY ("area_code") REFERENCES "area" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_53d55e96ce28f37c28b17cede91" FOREIGN KEY ("indicator_id") REFERENCES "indicator" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_observation"("id", "indicator_id", "area_code", "period_key", "value", "printed", "period_label", "numerator", "denominator", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "note", "source") SELECT "id", "indicator_id", "area_code", "period_key", "value", "printed", "period_label", "numerator", "denominator", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "note", "source" FROM "observation"`);
    await queryRunner.query(`DROP TABLE "observation"`);
    await queryRunner.query(`ALTER TABLE "temporary_observation" RENAME TO "observation"`);
    await queryRunner.query(`CREATE INDEX "ix_observation_area_period" ON "observation" ("area_code", "period_key") `);
    await queryRunner.query(`CREATE INDEX "ix_observation_embargo" ON "observation" ("embargo") WHERE embargo IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_observation_values" ON "observation" ("indicator_id", "area_code", "period_key", "value", "embargo") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_observation_values"`);
    await queryRunner.query(`DROP INDEX "ix_observation_embargo"`);
    await queryRunner.query(`DROP INDEX "ix_observation_area_period"`);
    await queryRunner.query(`ALTER TABLE "observation" RENAME TO "temporary_observation"`);
    await queryRunner.query(`CREATE TABLE "observation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "indicator_id" varchar(120) NOT NULL, "area_code" varchar(16) NOT NULL, "period_key" varchar(15) NOT NULL, "value" double precision, "printed" varchar(40), "period_label" varchar(100), "numerator" double precision, "denominator" double precision, "lower_ci95" double precision, "upper_ci95" double precision, "lower_ci998" double precision, "upper_ci998" double precision, "note" text, "source" text, CONSTRAINT "uq_observation_indicator_area_period" UNIQUE ("indicator_id", "area_code", "period_key"), CONSTRAINT "FK_358a667a0860df5e6245fd05ed4" FOREIGN KEY ("period_key") REFERENCES "period" ("key") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_80f4a64a2f0e8cf027bc4bbfe6b" FOREIGN KEY ("area_code") REFERENCES "area" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_53d55e96ce28f37c28b17cede91" FOREIGN KEY ("indicator_id") REFERENCES "indicator" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "observation"("id", "indicator_id", "area_code", "period_key", "value", "printed", "period_label", "numerator", "denominator", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "note", "source") SELECT "id", "indicator_id", "area_code", "period_key", "value", "printed", "period_label", "numerator", "denominator", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "note", "source" FROM "temporary_observation"`);
    await queryRunner.query(`DROP TABLE "temporary_observation"`);
    await queryRunner.query(`CREATE INDEX "ix_observation_area_period" ON "observation" ("area_code", "period_key") `);
    await queryRunner.query(`CREATE INDEX "ix_observation_values" ON "observation" ("indicator_id", "area_code", "period_key", "value") `);
  }
}
