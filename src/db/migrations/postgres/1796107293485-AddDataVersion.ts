import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated for postgres by scripts/generate-migration.ts from the entities, plus the data_version row
 * (added by hand). Also makes outcome_assessment.rag nullable: null is "no RAG published", GREY a published one.
 */
export class AddDataVersion1796107293485 implements MigrationInterface {
  name = 'AddDataVersion1796107293485';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "data_version" ("id" integer NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_3148924ffcfb626029b309ba4e5" PRIMARY KEY ("id"))`);
    // By hand: the one row every writer increases (src/db/data-version.ts); 0 until the first write.
    await queryRunner.query(`INSERT INTO "data_version" ("id", "version") VALUES (1, 0)`);
    await queryRunner.query(`ALTER TABLE "outcome_assessment" ALTER COLUMN "rag" DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // By hand: before this migration an outcome with no published RAG was stored as GREY, and rag could not be null.
    await queryRunner.query(`UPDATE "outcome_assessment" SET "rag" = 'GREY' WHERE "rag" IS NULL`);
    await queryRunner.query(`ALTER TABLE "outcome_assessment" ALTER COLUMN "rag" SET NOT NULL`);
    await queryRunner.query(`DROP TABLE "data_version"`);
  }
}
