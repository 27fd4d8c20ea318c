import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated for sqlite by scripts/generate-migration.ts from the entities (ApiKey), renumbered to follow
 * AddObservationValuesIndex1796200000000 so that every database runs the migrations in one order.
 */
export class AddApiKeys1796300000001 implements MigrationInterface {
  name = 'AddApiKeys1796300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "api_key" ("id" varchar(12) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "role" varchar(10) NOT NULL, "areas" text NOT NULL, "hash" varchar(64) NOT NULL, "salt" varchar(32) NOT NULL, "created_at" varchar(24) NOT NULL, "last_used_at" varchar(24), "revoked_at" varchar(24))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_api_key_name" ON "api_key" ("name") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ux_api_key_name"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
