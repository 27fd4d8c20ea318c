/** A TypeORM logger that counts the SQL statements a data source runs (transaction control aside). */
import { Logger } from 'typeorm';

export class StatementCounter implements Logger {
  count = 0;
  logQuery(query: string): void {
    if (!/^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE)/i.test(query)) this.count++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
