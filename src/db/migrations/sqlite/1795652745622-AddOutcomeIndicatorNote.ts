import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated for sqlite by scripts/generate-migration.ts from the entities. */
export class AddOutcomeIndicatorNote1795652745622 implements MigrationInterface {
  name = 'AddOutcomeIndicatorNote1795652745622';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_3f864006f13c2e7f1bb739ac9c"`);
    await queryRunner.query(`CREATE TABLE "temporary_outcome_indicator" ("outcome_id" varchar(160) NOT NULL, "position" integer NOT NULL, "indicator_id" varchar(120) NOT NULL, "previous_period_key" varchar(15), "latest_period_key" varchar(15), "note" text, CONSTRAINT "uq_outcome_indicator" UNIQUE ("outcome_id", "indicator_id"), CONSTRAINT "FK_bee85b6443286b6465395e5ad66" FOREIGN KEY ("latest_period_key") REFERENCES "period" ("key") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_1cb020599e00f6e424e73ff4f6d" FOREIGN KEY ("previous_period_key") REFERENCES "period" ("key") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_3f864006f13c2e7f1bb739ac9c8" FOREIGN KEY ("indicator_id") REFERENCES "indicator" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_fef754397a919ddf06dedbf5a63" FOREIGN KEY ("outcome_id") REFERENCES "outcome" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("outcome_id", "position"))`);
    await queryRunner.query(`INSERT INTO "temporary_outcome_indicator"("outcome_id", "position", "indicator_id", "previous_period_key", "latest_period_key") SELECT "outcome_id", "position", "indicator_id", "previous_period_key", "latest_period_key" FROM "outcome_indicator"`);
    await queryRunner.query(`DROP TABLE "outcome_indicator"`);
    await queryRunner.query(`ALTER TABLE "temporary_outcome_indicator" RENAME TO "outcome_indicator"`);
    await queryRunner.query(`CREATE INDEX "IDX_3f864006f13c2e7f1bb739ac9c" ON "outcome_indicator" ("indicator_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_3f864006f13c2e7f1bb739ac9c"`);
    await queryRunner.query(`ALTER TABLE "outcome_indicator" RENAME TO "temporary_outcome_indicator"`);
    await queryRunner.query(`CREATE TABLE "outcome_indicator" ("outcome_id" varchar(160) NOT NULL, "position" integer NOT NULL, "indicator_id" varchar(120) NOT NULL, "previous_period_key" varchar(15), "latest_period_key" varchar(15), CONSTRAINT "uq_outcome_indicator" UNIQUE ("outcome_id", "indicator_id"), CONSTRAINT "FK_bee85b6443286b6465395e5ad66" FOREIGN KEY ("latest_period_key") REFERENCES "period" ("key") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_1cb020599e00f6e424e73ff4f6d" FOREIGN KEY ("previous_period_key") REFERENCES "period" ("key") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_3f864006f13c2e7f1bb739ac9c8" FOREIGN KEY ("indicator_id") REFERENCES "indicator" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_fef754397a919ddf06dedbf5a63" FOREIGN KEY ("outcome_id") REFERENCES "outcome" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("outcome_id", "position"))`);
    await queryRunner.query(`INSERT INTO "outcome_indicator"("outcome_id", "position", "indicator_id", "previous_period_key", "latest_period_key") SELECT "outcome_id", "position", "indicator_id", "previous_period_key", "latest_period_key" FROM "temporary_outcome_indicator"`);
    await queryRunner.query(`DROP TABLE "temporary_outcome_indicator"`);
    await queryRunner.query(`CREATE INDEX "IDX_3f864006f13c2e7f1bb739ac9c" ON "outcome_indicator" ("indicator_id") `);
  }
}
