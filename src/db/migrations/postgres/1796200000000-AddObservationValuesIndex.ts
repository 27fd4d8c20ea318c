import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written for postgres in the form scripts/generate-migration.ts generates: an index that holds the
 * values too, so the monthly counts a comparison sums (hundreds of district-months a request) are
 * read from the index alone, without a lookup of each wide row.
 */
export class AddObservationValuesIndex1796200000000 implements MigrationInterface {
  name = 'AddObservationValuesIndex1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_observation_values" ON "observation" ("indicator_id", "area_code", "period_key", "value") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_observation_values"`);
  }
}
