import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated for postgres by scripts/generate-migration.ts from the entities. */
export class AddRagRules1795653098432 implements MigrationInterface {
  name = 'AddRagRules1795653098432';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "rag_rule" ("indicator_id" character varying(120) NOT NULL, "scope" character varying(16) NOT NULL, "target_value" double precision, "target_min" double precision, "target_max" double precision, "tolerance" double precision, "note" text, "source" text, CONSTRAINT "PK_04a3acdbd61c040f914f7b2aa7d" PRIMARY KEY ("indicator_id", "scope"))`);
    await queryRunner.query(`ALTER TABLE "rag_rule" ADD CONSTRAINT "FK_bf10c813b45d656c47658a1924d" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rag_rule" DROP CONSTRAINT "FK_bf10c813b45d656c47658a1924d"`);
    await queryRunner.query(`DROP TABLE "rag_rule"`);
  }
}
