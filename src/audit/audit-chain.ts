import type { DataSource, EntityManager } from 'typeorm';

/** The first broken link of one chained table, as audit_first_break() reports it. */
export interface BrokenLink {
  table: string;
  rowId: string;
  subject: string;
  chainSeq: number;
  reason: string;
}

export interface AuditReport {
  ok: boolean;
  /** Every chained table with its row count, checked in this order. */
  tables: { table: string; rows: number }[];
  /** The first broken link in each table that has one (empty when every chain holds). */
  broken: BrokenLink[];
  checkedAt: string;
}

/**
 * Checks every hash chain on the append-only record (see migration
 * RecordChains1765200000001): recomputes each row's hash in the database
 * and follows the links, per table and subject.
 */
export async function verifyAuditChains(db: DataSource | EntityManager): Promise<AuditReport> {
  const tables = (await db.query(`SELECT "table_name" FROM "audit_chain_table" ORDER BY "table_name"`)) as {
    table_name: string;
  }[];
  const report: AuditReport = { ok: true, tables: [], broken: [], checkedAt: new Date().toISOString() };
  for (const { table_name: table } of tables) {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM "${table.replace(/"/g, '""')}"`)) as {
      n: number;
    }[];
    report.tables.push({ table, rows: n });
    const rows = (await db.query(`SELECT * FROM "audit_first_break"($1)`, [table])) as {
      row_id: string;
      subject: string;
      chain_seq: string;
      reason: string;
    }[];
    for (const r of rows) {
      report.broken.push({
        table,
        rowId: r.row_id,
        subject: r.subject,
        chainSeq: Number(r.chain_seq),
        reason: r.reason,
      });
    }
  }
  report.ok = report.broken.length === 0;
  return report;
}

/** One line per broken link, or a line saying every chain holds. */
export function describeReport(report: AuditReport): string[] {
  const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
  if (report.ok) return [`audit: every chain holds (${report.tables.length} tables, ${rows} rows)`];
  return report.broken.map(
    (b) => `audit: BROKEN ${b.table} row ${b.rowId} (subject ${b.subject}, link ${b.chainSeq}): ${b.reason}`,
  );
}
