import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated for sqlite by scripts/generate-migration.ts from the entities, plus the data_version row
 * (added by hand). Also makes outcome_assessment.rag nullable: null is "no RAG published", GREY a published one.
 */
export class AddDataVersion1796107293485 implements MigrationInterface {
  name = 'AddDataVersion1796107293485';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "temporary_outcome_assessment" ("outcome_id" varchar(160) NOT NULL, "period_key" varchar(15) NOT NULL, "rag" varchar(10) NOT NULL, "progress" varchar(10), "direction" varchar(20), "arrow" varchar(8), "comment" text, CONSTRAINT "FK_9c1763d15d70f636ec8b662c47e" FOREIGN KEY ("period_key") REFERENCES "period" ("key") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_58bd5007b9c09c0818573f5be00" FOREIGN KEY ("outcome_id") REFERENCES "outcome" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("outcome_id", "period_key"))`);
    await queryRunner.query(`INSERT INTO "temporary_outcome_assessment"("outcome_id", "period_key", "rag", "progress", "direction", "arrow", "comment") SELECT "outcome_id", "period_key", "rag", "progress", "direction", "arrow", "comment" FROM "outcome_assessment"`);
    await queryRunner.query(`DROP TABLE "outcome_assessment"`);
    await queryRunner.query(`ALTER TABLE "temporary_outcome_assessment" RENAME TO "outcome_assessment"`);
    await queryRunner.query(`CREATE TABLE "data_version" ("id" integer PRIMARY KEY NOT NULL, "version" integer NOT NULL)`);
    // By hand: the one row every writer increases (src/db/data-version.ts); 0 until the first write.
    await queryRunner.query(`INSERT INTO "data_version" ("id", "version") VALUES (1, 0)`);
    await queryRunner.query(`CREATE TABLE "temporary_outcome_assessment" ("outcome_id" varchar(160) NOT NULL, "period_key" varchar(15) NOT NULL, "rag" varchar(10), "progress" varchar(10), "direction" varchar(20), "arrow" varchar(8), "comment" text, CONSTRAINT "FK_9c1763d15d70f636ec8b662c47e" FOREIGN KEY ("period_key") REFERENCES "period" ("key") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_58bd5007b9c09c0818573f5be00" FOREIGN KEY ("outcome_id") REFERENCES "outcome" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("outcome_id", "period_key"))`);
    await queryRunner.query(`INSERT INTO "temporary_outcome_assessment"("outcome_id", "period_key", "rag", "progress", "direction", "arrow", "comment") SELECT "outcome_id", "period_key", "rag", "progress", "direction", "arrow", "comment" FROM "outcome_assessment"`);
    await queryRunner.query(`DROP TABLE "outcome_assessment"`);
    await queryRunner.query(`ALTER TABLE "temporary_outcome_assessment" RENAME TO "outcome_assessment"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // By hand: before this migration an outcome with no published RAG was stored as GREY, and rag could not be null.
    await queryRunner.query(`UPDATE "outcome_assessment" SET "rag" = 'GREY' WHERE "rag" IS NULL`);
    await queryRunner.query(`ALTER TABLE "outcome_assessment" RENAME TO "temporary_outcome_assessment"`);
    await queryRunner.query(`CREATE TABLE "outcome_assessment" ("outcome_id" varchar(160) NOT NULL, "period_key" varchar(15) NOT NULL, "rag" varchar(10) NOT NULL, "progress" varchar(10), "direction" varchar(20), "arrow" varchar(8), "comment" text, CONSTRAINT "FK_9c1763d15d70f636ec8b662c47e" FOREIGN KEY ("period_key") REFERENCES "period" ("key") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_58bd5007b9c09c0818573f5be00" FOREIGN KEY ("outcome_id") REFERENCES "outcome" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("outcome_id", "period_key"))`);
    await queryRunner.query(`INSERT INTO "outcome_assessment"("outcome_id", "period_key", "rag", "progress", "direction", "arrow", "comment") SELECT "outcome_id", "period_key", "rag", "progress", "direction", "arrow", "comment" FROM "temporary_outcome_assessment"`);
    await queryRunner.query(`DROP TABLE "temporary_outcome_assessment"`);
    await queryRunner.query(`DROP TABLE "data_version"`);
    await queryRunner.query(`ALTER TABLE "outcome_assessment" RENAME TO "temporary_outcome_assessment"`);
    await queryRunner.query(`CREATE TABLE "outcome_assessment" ("outcome_id" varchar(160) NOT NULL, "period_key" varchar(15) NOT NULL, "rag" varchar(10) NOT NULL, "progress" varchar(10), "direction" varchar(20), "arrow" varchar(8), "comment" text, CONSTRAINT "FK_9c1763d15d70f636ec8b662c47e" FOREIGN KEY ("period_key") REFERENCES "period" ("key") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_58bd5007b9c09c0818573f5be00" FOREIGN KEY ("outcome_id") REFERENCES "outcome" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("outcome_id", "period_key"))`);
    await queryRunner.query(`INSERT INTO "outcome_assessment"("outcome_id", "period_key", "rag", "progress", "direction", "arrow", "comment") SELECT "outcome_id", "period_key", "rag", "progress", "direction", "arrow", "comment" FROM "temporary_outcome_assessment"`);
    await queryRunner.query(`DROP TABLE "temporary_outcome_assessment"`);
  }
}
