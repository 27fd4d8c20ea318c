import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated for sqlite by scripts/generate-migration.ts from the entities. */
export class AddGeographyAndPoliceUk1795652279233 implements MigrationInterface {
  name = 'AddGeographyAndPoliceUk1795652279233';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "area_link" ("area_code" varchar(16) NOT NULL, "hierarchy" varchar(40) NOT NULL, "parent_code" varchar(16) NOT NULL, PRIMARY KEY ("area_code", "hierarchy"))`);
    await queryRunner.query(`CREATE INDEX "IDX_661f6db7fc955380d00242f31d" ON "area_link" ("parent_code") `);
    await queryRunner.query(`CREATE TABLE "police_uk_count" ("force" varchar(60) NOT NULL, "month" varchar(7) NOT NULL, "area_code" varchar(16) NOT NULL, "crime_type" varchar(80) NOT NULL, "count" integer NOT NULL, PRIMARY KEY ("force", "month", "area_code", "crime_type"))`);
    await queryRunner.query(`CREATE INDEX "ix_police_uk_count_area_month" ON "police_uk_count" ("area_code", "month") `);
    await queryRunner.query(`CREATE TABLE "police_uk_file" ("force" varchar(60) NOT NULL, "month" varchar(7) NOT NULL, "force_area_code" varchar(16) NOT NULL, "file" text NOT NULL, "rows" integer NOT NULL, "mapped" integer NOT NULL, "without_lsoa" integer NOT NULL, "unknown_lsoa" integer NOT NULL, "outside_force" integer NOT NULL, PRIMARY KEY ("force", "month"))`);
    await queryRunner.query(`DROP INDEX "IDX_07cc1d3984e72519859ade3de4"`);
    await queryRunner.query(`CREATE TABLE "temporary_area" ("code" varchar(16) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "type" varchar(40) NOT NULL, "parent_code" varchar(16), "comparator_group_id" varchar(120), "valid_from" varchar(7), "valid_to" varchar(7), CONSTRAINT "FK_07cc1d3984e72519859ade3de4c" FOREIGN KEY ("parent_code") REFERENCES "area" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_area"("code", "name", "type", "parent_code") SELECT "code", "name", "type", "parent_code" FROM "area"`);
    await queryRunner.query(`DROP TABLE "area"`);
    await queryRunner.query(`ALTER TABLE "temporary_area" RENAME TO "area"`);
    await queryRunner.query(`CREATE INDEX "IDX_07cc1d3984e72519859ade3de4" ON "area" ("parent_code") `);
    await queryRunner.query(`DROP INDEX "IDX_ff57bfd989b1d6ccd27cfbbebb"`);
    await queryRunner.query(`CREATE TABLE "temporary_area_group_member" ("group_id" varchar(120) NOT NULL, "area_code" varchar(16) NOT NULL, "position" integer NOT NULL, "valid_from" varchar(7), "valid_to" varchar(7), CONSTRAINT "FK_ff57bfd989b1d6ccd27cfbbebbe" FOREIGN KEY ("area_code") REFERENCES "area" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0817c321ecf23b6d3db38eda371" FOREIGN KEY ("group_id") REFERENCES "area_group" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("group_id", "area_code"))`);
    await queryRunner.query(`INSERT INTO "temporary_area_group_member"("group_id", "area_code", "position") SELECT "group_id", "area_code", "position" FROM "area_group_member"`);
    await queryRunner.query(`DROP TABLE "area_group_member"`);
    await queryRunner.query(`ALTER TABLE "temporary_area_group_member" RENAME TO "area_group_member"`);
    await queryRunner.query(`CREATE INDEX "IDX_ff57bfd989b1d6ccd27cfbbebb" ON "area_group_member" ("area_code") `);
    await queryRunner.query(`CREATE TABLE "temporary_indicator" ("id" varchar(120) PRIMARY KEY NOT NULL, "name" varchar(300) NOT NULL, "unit" varchar(100), "value_type" varchar(20) NOT NULL, "polarity" varchar(20) NOT NULL, "polarity_reason" text, "decimals" integer NOT NULL, "definition" text, "multiplier" double precision, "derivation" varchar(40), "base_indicator_id" varchar(120), "publisher" varchar(200))`);
    await queryRunner.query(`INSERT INTO "temporary_indicator"("id", "name", "unit", "value_type", "polarity", "polarity_reason", "decimals", "definition") SELECT "id", "name", "unit", "value_type", "polarity", "polarity_reason", "decimals", "definition" FROM "indicator"`);
    await queryRunner.query(`DROP TABLE "indicator"`);
    await queryRunner.query(`ALTER TABLE "temporary_indicator" RENAME TO "indicator"`);
    await queryRunner.query(`DROP INDEX "IDX_661f6db7fc955380d00242f31d"`);
    await queryRunner.query(`CREATE TABLE "temporary_area_link" ("area_code" varchar(16) NOT NULL, "hierarchy" varchar(40) NOT NULL, "parent_code" varchar(16) NOT NULL, CONSTRAINT "FK_1581f30dddffa211de6a84d5e64" FOREIGN KEY ("area_code") REFERENCES "area" ("code") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_661f6db7fc955380d00242f31d4" FOREIGN KEY ("parent_code") REFERENCES "area" ("code") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("area_code", "hierarchy"))`);
    await queryRunner.query(`INSERT INTO "temporary_area_link"("area_code", "hierarchy", "parent_code") SELECT "area_code", "hierarchy", "parent_code" FROM "area_link"`);
    await queryRunner.query(`DROP TABLE "area_link"`);
    await queryRunner.query(`ALTER TABLE "temporary_area_link" RENAME TO "area_link"`);
    await queryRunner.query(`CREATE INDEX "IDX_661f6db7fc955380d00242f31d" ON "area_link" ("parent_code") `);
    await queryRunner.query(`DROP INDEX "ix_police_uk_count_area_month"`);
    await queryRunner.query(`CREATE TABLE "temporary_police_uk_count" ("force" varchar(60) NOT NULL, "month" varchar(7) NOT NULL, "area_code" varchar(16) NOT NULL, "crime_type" varchar(80) NOT NULL, "count" integer NOT NULL, CONSTRAINT "FK_40e685dbac42cdc18d20c715f5a" FOREIGN KEY ("area_code") REFERENCES "area" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY ("force", "month", "area_code", "crime_type"))`);
    await queryRunner.query(`INSERT INTO "temporary_police_uk_count"("force", "month", "area_code", "crime_type", "count") SELECT "force", "month", "area_code", "crime_type", "count" FROM "police_uk_count"`);
    await queryRunner.query(`DROP TABLE "police_uk_count"`);
    await queryRunner.query(`ALTER TABLE "temporary_police_uk_count" RENAME TO "police_uk_count"`);
    await queryRunner.query(`CREATE INDEX "ix_police_uk_count_area_month" ON "police_uk_count" ("area_code", "month") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_police_uk_count_area_month"`);
    await queryRunner.query(`ALTER TABLE "police_uk_count" RENAME TO "temporary_police_uk_count"`);
    await queryRunner.query(`CREATE TABLE "police_uk_count" ("force" varchar(60) NOT NULL, "month" varchar(7) NOT NULL, "area_code" varchar(16) NOT NULL, "crime_type" varchar(80) NOT NULL, "count" integer NOT NULL, PRIMARY KEY ("force", "month", "area_code", "crime_type"))`);
    await queryRunner.query(`INSERT INTO "police_uk_count"("force", "month", "area_code", "crime_type", "count") SELECT "force", "month", "area_code", "crime_type", "count" FROM "temporary_police_uk_count"`);
    await queryRunner.query(`DROP TABLE "temporary_police_uk_count"`);
    await queryRunner.query(`CREATE INDEX "ix_police_uk_count_area_month" ON "police_uk_count" ("area_code", "month") `);
    await queryRunner.query(`DROP INDEX "IDX_661f6db7fc955380d00242f31d"`);
    await queryRunner.query(`ALTER TABLE "area_link" RENAME TO "temporary_area_link"`);
    await queryRunner.query(`CREATE TABLE "area_link" ("area_code" varchar(16) NOT NULL, "hierarchy" varchar(40) NOT NULL, "parent_code" varchar(16) NOT NULL, PRIMARY KEY ("area_code", "hierarchy"))`);
    await queryRunner.query(`INSERT INTO "area_link"("area_code", "hierarchy", "parent_code") SELECT "area_code", "hierarchy", "parent_code" FROM "temporary_area_link"`);
    await queryRunner.query(`DROP TABLE "temporary_area_link"`);
    await queryRunner.query(`CREATE INDEX "IDX_661f6db7fc955380d00242f31d" ON "area_link" ("parent_code") `);
    await queryRunner.query(`ALTER TABLE "indicator" RENAME TO "temporary_indicator"`);
    await queryRunner.query(`CREATE TABLE "indicator" ("id" varchar(120) PRIMARY KEY NOT NULL, "name" varchar(300) NOT NULL, "unit" varchar(100), "value_type" varchar(20) NOT NULL, "polarity" varchar(20) NOT NULL, "polarity_reason" text, "decimals" integer NOT NULL, "definition" text)`);
    await queryRunner.query(`INSERT INTO "indicator"("id", "name", "unit", "value_type", "polarity", "polarity_reason", "decimals", "definition") SELECT "id", "name", "unit", "value_type", "polarity", "polarity_reason", "decimals", "definition" FROM "temporary_indicator"`);
    await queryRunner.query(`DROP TABLE "temporary_indicator"`);
    await queryRunner.query(`DROP INDEX "IDX_ff57bfd989b1d6ccd27cfbbebb"`);
    await queryRunner.query(`ALTER TABLE "area_group_member" RENAME TO "temporary_area_group_member"`);
    await queryRunner.query(`CREATE TABLE "area_group_member" ("group_id" varchar(120) NOT NULL, "area_code" varchar(16) NOT NULL, "position" integer NOT NULL, CONSTRAINT "FK_ff57bfd989b1d6ccd27cfbbebbe" FOREIGN KEY ("area_code") REFERENCES "area" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0817c321ecf23b6d3db38eda371" FOREIGN KEY ("group_id") REFERENCES "area_group" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("group_id", "area_code"))`);
    await queryRunner.query(`INSERT INTO "area_group_member"("group_id", "area_code", "position") SELECT "group_id", "area_code", "position" FROM "temporary_area_group_member"`);
    await queryRunner.query(`DROP TABLE "temporary_area_group_member"`);
    await queryRunner.query(`CREATE INDEX "IDX_ff57bfd989b1d6ccd27cfbbebb" ON "area_group_member" ("area_code") `);
    await queryRunner.query(`DROP INDEX "IDX_07cc1d3984e72519859ade3de4"`);
    await queryRunner.query(`ALTER TABLE "area" RENAME TO "temporary_area"`);
    await queryRunner.query(`CREATE TABLE "area" ("code" varchar(16) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "type" varchar(40) NOT NULL, "parent_code" varchar(16), CONSTRAINT "FK_07cc1d3984e72519859ade3de4c" FOREIGN KEY ("parent_code") REFERENCES "area" ("code") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "area"("code", "name", "type", "parent_code") SELECT "code", "name", "type", "parent_code" FROM "temporary_area"`);
    await queryRunner.query(`DROP TABLE "temporary_area"`);
    await queryRunner.query(`CREATE INDEX "IDX_07cc1d3984e72519859ade3de4" ON "area" ("parent_code") `);
    await queryRunner.query(`DROP TABLE "police_uk_file"`);
    await queryRunner.query(`DROP INDEX "ix_police_uk_count_area_month"`);
    await queryRunner.query(`DROP TABLE "police_uk_count"`);
    await queryRunner.query(`DROP INDEX "IDX_661f6db7fc955380d00242f31d"`);
    await queryRunner.query(`DROP TABLE "area_link"`);
  }
}
