import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated for postgres by scripts/generate-migration.ts from the entities. */
export class AddOutcomeIndicatorNote1795652745622 implements MigrationInterface {
  name = 'AddOutcomeIndicatorNote1795652745622';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outcome_indicator" ADD "note" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outcome_indicator" DROP COLUMN "note"`);
  }
}
