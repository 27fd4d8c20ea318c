import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated for postgres by scripts/generate-migration.ts from the entities. */
export class AddGeographyAndPoliceUk1795652279233 implements MigrationInterface {
  name = 'AddGeographyAndPoliceUk1795652279233';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "area_link" ("area_code" character varying(16) NOT NULL, "hierarchy" character varying(40) NOT NULL, "parent_code" character varying(16) NOT NULL, CONSTRAINT "PK_d996f8b3a7db832e24c64a68daa" PRIMARY KEY ("area_code", "hierarchy"))`);
    await queryRunner.query(`CREATE INDEX "IDX_661f6db7fc955380d00242f31d" ON "area_link" ("parent_code") `);
    await queryRunner.query(`CREATE TABLE "police_uk_count" ("force" character varying(60) NOT NULL, "month" character varying(7) NOT NULL, "area_code" character varying(16) NOT NULL, "crime_type" character varying(80) NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_99796100bcaa4baf12df5974d4a" PRIMARY KEY ("force", "month", "area_code", "crime_type"))`);
    await queryRunner.query(`CREATE INDEX "ix_police_uk_count_area_month" ON "police_uk_count" ("area_code", "month") `);
    await queryRunner.query(`CREATE TABLE "police_uk_file" ("force" character varying(60) NOT NULL, "month" character varying(7) NOT NULL, "force_area_code" character varying(16) NOT NULL, "file" text NOT NULL, "rows" integer NOT NULL, "mapped" integer NOT NULL, "without_lsoa" integer NOT NULL, "unknown_lsoa" integer NOT NULL, "outside_force" integer NOT NULL, CONSTRAINT "PK_73daece1eb9d555c9eb6762cd49" PRIMARY KEY ("force", "month"))`);
    await queryRunner.query(`ALTER TABLE "area" ADD "comparator_group_id" character varying(120)`);
    await queryRunner.query(`ALTER TABLE "area" ADD "valid_from" character varying(7)`);
    await queryRunner.query(`ALTER TABLE "area" ADD "valid_to" character varying(7)`);
    await queryRunner.query(`ALTER TABLE "area_group_member" ADD "valid_from" character varying(7)`);
    await queryRunner.query(`ALTER TABLE "area_group_member" ADD "valid_to" character varying(7)`);
    await queryRunner.query(`ALTER TABLE "indicator" ADD "multiplier" double precision`);
    await queryRunner.query(`ALTER TABLE "indicator" ADD "derivation" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "indicator" ADD "base_indicator_id" character varying(120)`);
    await queryRunner.query(`ALTER TABLE "indicator" ADD "publisher" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "area_link" ADD CONSTRAINT "FK_1581f30dddffa211de6a84d5e64" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "area_link" ADD CONSTRAINT "FK_661f6db7fc955380d00242f31d4" FOREIGN KEY ("parent_code") REFERENCES "area"("code") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "police_uk_count" ADD CONSTRAINT "FK_40e685dbac42cdc18d20c715f5a" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "police_uk_count" DROP CONSTRAINT "FK_40e685dbac42cdc18d20c715f5a"`);
    await queryRunner.query(`ALTER TABLE "area_link" DROP CONSTRAINT "FK_661f6db7fc955380d00242f31d4"`);
    await queryRunner.query(`ALTER TABLE "area_link" DROP CONSTRAINT "FK_1581f30dddffa211de6a84d5e64"`);
    await queryRunner.query(`ALTER TABLE "indicator" DROP COLUMN "publisher"`);
    await queryRunner.query(`ALTER TABLE "indicator" DROP COLUMN "base_indicator_id"`);
    await queryRunner.query(`ALTER TABLE "indicator" DROP COLUMN "derivation"`);
    await queryRunner.query(`ALTER TABLE "indicator" DROP COLUMN "multiplier"`);
    await queryRunner.query(`ALTER TABLE "area_group_member" DROP COLUMN "valid_to"`);
    await queryRunner.query(`ALTER TABLE "area_group_member" DROP COLUMN "valid_from"`);
    await queryRunner.query(`ALTER TABLE "area" DROP COLUMN "valid_to"`);
    await queryRunner.query(`ALTER TABLE "area" DROP COLUMN "valid_from"`);
    await queryRunner.query(`ALTER TABLE "area" DROP COLUMN "comparator_group_id"`);
    await queryRunner.query(`DROP TABLE "police_uk_file"`);
    await queryRunner.query(`DROP INDEX "public"."ix_police_uk_count_area_month"`);
    await queryRunner.query(`DROP TABLE "police_uk_count"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_661f6db7fc955380d00242f31d"`);
    await queryRunner.query(`DROP TABLE "area_link"`);
  }
}
