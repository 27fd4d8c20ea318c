import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated for sqlite by scripts/generate-migration.ts from the entities. */
export class AddRagRules1795653098432 implements MigrationInterface {
  name = 'AddRagRules1795653098432';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "rag_rule" ("indicator_id" varchar(120) NOT NULL, "scope" varchar(16) NOT NULL, "target_value" double precision, "target_min" double precision, "target_max" double precision, "tolerance" double precision, "note" text, "source" text, PRIMARY KEY ("indicator_id", "scope"))`);
    await queryRunner.query(`CREATE TABLE "temporary_rag_rule" ("indicator_id" varchar(120) NOT NULL, "scope" varchar(16) NOT NULL, "target_value" double precision, "target_min" double precision, "target_max" double precision, "tolerance" double precision, "note" text, "source" text, CONSTRAINT "FK_bf10c813b45d656c47658a1924d" FOREIGN KEY ("indicator_id") REFERENCES "indicator" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("indicator_id", "scope"))`);
    await queryRunner.query(`INSERT INTO "temporary_rag_rule"("indicator_id", "scope", "target_value", "target_min", "target_max", "tolerance", "note", "source") SELECT "indicator_id", "scope", "target_value", "target_min", "target_max", "tolerance", "note", "source" FROM "rag_rule"`);
    await queryRunner.query(`DROP TABLE "rag_rule"`);
    await queryRunner.query(`ALTER TABLE "temporary_rag_rule" RENAME TO "rag_rule"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rag_rule" RENAME TO "temporary_rag_rule"`);
    await queryRunner.query(`CREATE TABLE "rag_rule" ("indicator_id" varchar(120) NOT NULL, "scope" varchar(16) NOT NULL, "target_value" double precision, "target_min" double precision, "target_max" double precision, "tolerance" double precision, "note" text, "source" text, PRIMARY KEY ("indicator_id", "scope"))`);
    await queryRunner.query(`INSERT INTO "rag_rule"("indicator_id", "scope", "target_value", "target_min", "target_max", "tolerance", "note", "source") SELECT "indicator_id", "scope", "target_value", "target_min", "target_max", "tolerance", "note", "source" FROM "temporary_rag_rule"`);
    await queryRunner.query(`DROP TABLE "temporary_rag_rule"`);
    await queryRunner.query(`DROP TABLE "rag_rule"`);
  }
}
