import { Pool } from "pg";
import type { DbConfig } from "./config";

export interface Payment {
  id: string;
  orderId: string;
  amountCents: number;
  currency: string;
  status: "authorized" | "captured" | "refunded";
  createdAt: Date;
}

let pool: Pool | undefined;

export function getPool(cfg: DbConfig): Pool {
  pool ??= new Pool({
    host: cfg.host,
    port: cfg.port,
    user: cfg.user,
    password: cfg.password,
    database: cfg.database,
    ssl: cfg.ssl ? { rejectUnauthorized: true } : false,
    max: 10,
    idleTimeoutMillis: 30_000,
  });
  return pool;
}

export async function insertPayment(db: Pool, p: Omit<Payment, "createdAt">): Promise<Payment> {
  const { rows } = await db.query<Payment>(
    `INSERT INTO payments (id, order_id, amount_cents, currency, status)
     VALUES ($1, $2, $3, $4, $5)
     RETURNING id, order_id AS "orderId", amount_cents AS "amountCents", currency, status, created_at AS "createdAt"`,
    [p.id, p.orderId, p.amountCents, p.currency, p.status],
  );
  return rows[0]!;
}

export async function findPayment(db: Pool, id: string): Promise<Payment | undefined> {
  const { rows } = await db.query<Payment>(
    `SELECT id, order_id AS "orderId", amount_cents AS "amountCents", currency, status, created_at AS "createdAt"
     FROM payments WHERE id = $1`,
    [id],
  );
  return rows[0];
}
