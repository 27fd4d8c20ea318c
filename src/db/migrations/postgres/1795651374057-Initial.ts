import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated for postgres by scripts/generate-migration.ts from the entities. */
export class Initial1795651374057 implements MigrationInterface {
  name = 'Initial1795651374057';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "area" ("code" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "type" character varying(40) NOT NULL, "parent_code" character varying(16), CONSTRAINT "PK_4aa797d975cf8ea8fe936098e00" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_07cc1d3984e72519859ade3de4" ON "area" ("parent_code") `);
    await queryRunner.query(`CREATE TABLE "area_group" ("id" character varying(120) NOT NULL, "name" character varying(200) NOT NULL, "description" text, CONSTRAINT "PK_ff762426ec84e6de9797a2a0589" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "area_group_member" ("group_id" character varying(120) NOT NULL, "area_code" character varying(16) NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_adcab6f40ad661ef2b0f02c6770" PRIMARY KEY ("group_id", "area_code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ff57bfd989b1d6ccd27cfbbebb" ON "area_group_member" ("area_code") `);
    await queryRunner.query(`CREATE TABLE "area_population" ("area_code" character varying(16) NOT NULL, "year" integer NOT NULL, "population" integer NOT NULL, "source" text, CONSTRAINT "PK_b670ab631d532583b80f79370b5" PRIMARY KEY ("area_code", "year"))`);
    await queryRunner.query(`CREATE TABLE "period" ("key" character varying(15) NOT NULL, "label" character varying(60) NOT NULL, "type" character varying(40) NOT NULL, "start_date" character varying(10) NOT NULL, "end_date" character varying(10) NOT NULL, "months" integer NOT NULL, CONSTRAINT "PK_cd314592b81763598cc620c620b" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE TABLE "dashboard" ("slug" character varying(120) NOT NULL, "title" character varying(300) NOT NULL, "heading" character varying(400) NOT NULL, "area_code" character varying(16) NOT NULL, "period_key" character varying(15) NOT NULL, "previous_period_key" character varying(15), "latest_period_key" character varying(15), "previous_period_label" character varying(100), "latest_period_label" character varying(100), "source" text, CONSTRAINT "PK_49de5ef1bf76edb040ae4e91b0d" PRIMARY KEY ("slug"))`);
    await queryRunner.query(`CREATE TABLE "indicator" ("id" character varying(120) NOT NULL, "name" character varying(300) NOT NULL, "unit" character varying(100), "value_type" character varying(20) NOT NULL, "polarity" character varying(20) NOT NULL, "polarity_reason" text, "decimals" integer NOT NULL, "definition" text, CONSTRAINT "PK_4693fe4c2cb912a71e05c589e7e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "observation" ("id" SERIAL NOT NULL, "indicator_id" character varying(120) NOT NULL, "area_code" character varying(16) NOT NULL, "period_key" character varying(15) NOT NULL, "value" double precision, "printed" character varying(40), "period_label" character varying(100), "numerator" double precision, "denominator" double precision, "lower_ci95" double precision, "upper_ci95" double precision, "lower_ci998" double precision, "upper_ci998" double precision, "note" text, "source" text, CONSTRAINT "uq_observation_indicator_area_period" UNIQUE ("indicator_id", "area_code", "period_key"), CONSTRAINT "PK_77a736edc631a400b788ce302cb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_observation_area_period" ON "observation" ("area_code", "period_key") `);
    await queryRunner.query(`CREATE TABLE "outcome" ("id" character varying(160) NOT NULL, "dashboard_slug" character varying(120) NOT NULL, "position" integer NOT NULL, "title" text NOT NULL, "benefit" text, CONSTRAINT "uq_outcome_dashboard_position" UNIQUE ("dashboard_slug", "position"), CONSTRAINT "PK_d721e56b4240f79aaa14cb54775" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "outcome_indicator" ("outcome_id" character varying(160) NOT NULL, "position" integer NOT NULL, "indicator_id" character varying(120) NOT NULL, "previous_period_key" character varying(15), "latest_period_key" character varying(15), CONSTRAINT "uq_outcome_indicator" UNIQUE ("outcome_id", "indicator_id"), CONSTRAINT "PK_e0f7ff2445d0114187264b4bcc7" PRIMARY KEY ("outcome_id", "position"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3f864006f13c2e7f1bb739ac9c" ON "outcome_indicator" ("indicator_id") `);
    await queryRunner.query(`CREATE TABLE "outcome_assessment" ("outcome_id" character varying(160) NOT NULL, "period_key" character varying(15) NOT NULL, "rag" character varying(10) NOT NULL, "progress" character varying(10), "direction" character varying(20), "arrow" character varying(8), "comment" text, CONSTRAINT "PK_692786edab001a90eed96d6ec5b" PRIMARY KEY ("outcome_id", "period_key"))`);
    await queryRunner.query(`ALTER TABLE "area" ADD CONSTRAINT "FK_07cc1d3984e72519859ade3de4c" FOREIGN KEY ("parent_code") REFERENCES "area"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "area_group_member" ADD CONSTRAINT "FK_0817c321ecf23b6d3db38eda371" FOREIGN KEY ("group_id") REFERENCES "area_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "area_group_member" ADD CONSTRAINT "FK_ff57bfd989b1d6ccd27cfbbebbe" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "area_population" ADD CONSTRAINT "FK_726bb8353981ade28e50edfa865" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "dashboard" ADD CONSTRAINT "FK_1a8b6f851b6204d98004a0c67eb" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "dashboard" ADD CONSTRAINT "FK_13179038e1a48e4545121ab7e35" FOREIGN KEY ("period_key") REFERENCES "period"("key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "dashboard" ADD CONSTRAINT "FK_59f0b04683a359ab1249ce6e1cf" FOREIGN KEY ("previous_period_key") REFERENCES "period"("key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "dashboard" ADD CONSTRAINT "FK_0b2b2050b397a0620f34e7a1898" FOREIGN KEY ("latest_period_key") REFERENCES "period"("key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "observation" ADD CONSTRAINT "FK_53d55e96ce28f37c28b17cede91" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "observation" ADD CONSTRAINT "FK_80f4a64a2f0e8cf027bc4bbfe6b" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "observation" ADD CONSTRAINT "FK_358a667a0860df5e6245fd05ed4" FOREIGN KEY ("period_key") REFERENCES "period"("key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outcome" ADD CONSTRAINT "FK_9a9385732d353722940a9b2e296" FOREIGN KEY ("dashboard_slug") REFERENCES "dashboard"("slug") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outcome_indicator" ADD CONSTRAINT "FK_fef754397a919ddf06dedbf5a63" FOREIGN KEY ("outcome_id") REFERENCES "outcome"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outcome_indicator" ADD CONSTRAINT "FK_3f864006f13c2e7f1bb739ac9c8" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outcome_indicator" ADD CONSTRAINT "FK_1cb020599e00f6e424e73ff4f6d" FOREIGN KEY ("previous_period_key") REFERENCES "period"("key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outcome_indicator" ADD CONSTRAINT "FK_bee85b6443286b6465395e5ad66" FOREIGN KEY ("latest_period_key") REFERENCES "period"("key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outcome_assessment" ADD CONSTRAINT "FK_58bd5007b9c09c0818573f5be00" FOREIGN KEY ("outcome_id") REFERENCES "outcome"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outcome_assessment" ADD CONSTRAINT "FK_9c1763d15d70f636ec8b662c47e" FOREIGN KEY ("period_key") REFERENCES "period"("key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outcome_assessment" DROP CONSTRAINT "FK_9c1763d15d70f636ec8b662c47e"`);
    await queryRunner.query(`ALTER TABLE "outcome_assessment" DROP CONSTRAINT "FK_58bd5007b9c09c0818573f5be00"`);
    await queryRunner.query(`ALTER TABLE "outcome_indicator" DROP CONSTRAINT "FK_bee85b6443286b6465395e5ad66"`);
    await queryRunner.query(`ALTER TABLE "outcome_indicator" DROP CONSTRAINT "FK_1cb020599e00f6e424e73ff4f6d"`);
    await queryRunner.query(`ALTER TABLE "outcome_indicator" DROP CONSTRAINT "FK_3f864006f13c2e7f1bb739ac9c8"`);
    await queryRunner.query(`ALTER TABLE "outcome_indicator" DROP CONSTRAINT "FK_fef754397a919ddf06dedbf5a63"`);
    await queryRunner.query(`ALTER TABLE "outcome" DROP CONSTRAINT "FK_9a9385732d353722940a9b2e296"`);
    await queryRunner.query(`ALTER TABLE "observation" DROP CONSTRAINT "FK_358a667a0860df5e6245fd05ed4"`);
    await queryRunner.query(`ALTER TABLE "observation" DROP CONSTRAINT "FK_80f4a64a2f0e8cf027bc4bbfe6b"`);
    await queryRunner.query(`ALTER TABLE "observation" DROP CONSTRAINT "FK_53d55e96ce28f37c28b17cede91"`);
    await queryRunner.query(`ALTER TABLE "dashboard" DROP CONSTRAINT "FK_0b2b2050b397a0620f34e7a1898"`);
    await queryRunner.query(`ALTER TABLE "dashboard" DROP CONSTRAINT "FK_59f0b04683a359ab1249ce6e1cf"`);
    await queryRunner.query(`ALTER TABLE "dashboard" DROP CONSTRAINT "FK_13179038e1a48e4545121ab7e35"`);
    await queryRunner.query(`ALTER TABLE "dashboard" DROP CONSTRAINT "FK_1a8b6f851b6204d98004a0c67eb"`);
    await queryRunner.query(`ALTER TABLE "area_population" DROP CONSTRAINT "FK_726bb8353981ade28e50edfa865"`);
    await queryRunner.query(`ALTER TABLE "area_group_member" DROP CONSTRAINT "FK_ff57bfd989b1d6ccd27cfbbebbe"`);
    await queryRunner.query(`ALTER TABLE "area_group_member" DROP CONSTRAINT "FK_0817c321ecf23b6d3db38eda371"`);
    await queryRunner.query(`ALTER TABLE "area" DROP CONSTRAINT "FK_07cc1d3984e72519859ade3de4c"`);
    await queryRunner.query(`DROP TABLE "outcome_assessment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3f864006f13c2e7f1bb739ac9c"`);
    await queryRunner.query(`DROP TABLE "outcome_indicator"`);
    await queryRunner.query(`DROP TABLE "outcome"`);
    await queryRunner.query(`DROP INDEX "public"."ix_observation_area_period"`);
    await queryRunner.query(`DROP TABLE "observation"`);
    await queryRunner.query(`DROP TABLE "indicator"`);
    await queryRunner.query(`DROP TABLE "dashboard"`);
    await queryRunner.query(`DROP TABLE "period"`);
    await queryRunner.query(`DROP TABLE "area_population"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ff57bfd989b1d6ccd27cfbbebb"`);
    await queryRunner.query(`DROP TABLE "area_group_member"`);
    await queryRunner.query(`DROP TABLE "area_group"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_07cc1d3984e72519859ade3de4"`);
    await queryRunner.query(`DROP TABLE "area"`);
  }
}
