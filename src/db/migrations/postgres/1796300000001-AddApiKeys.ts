import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated for postgres by scripts/generate-migration.ts from the entities (ApiKey), renumbered to follow
 * AddObservationValuesIndex1796200000000 so that every database runs the migrations in one order.
 */
export class AddApiKeys1796300000001 implements MigrationInterface {
  name = 'AddApiKeys1796300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "api_key" ("id" character varying(12) NOT NULL, "name" character varying(200) NOT NULL, "role" character varying(10) NOT NULL, "areas" text NOT NULL, "hash" character varying(64) NOT NULL, "salt" character varying(32) NOT NULL, "created_at" character varying(24) NOT NULL, "last_used_at" character varying(24), "revoked_at" character varying(24), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_api_key_name" ON "api_key" ("name") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_api_key_name"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
