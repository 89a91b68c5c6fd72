import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().url().optional(),
  /** PostgreSQL only: a request's query running longer than this is cancelled (0: never). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 14),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  CONTENT_DIR: z.string().optional(),
  PLAYER_DIST: z.string().optional(),
  CONSOLE_DIST: z.string().optional(),
  /** key:secret of an LRS credential that must exist (HTTP Basic on /xapi). */
  XAPI_BASIC_AUTH: z
    .string()
    .regex(
      /^[A-Za-z0-9._-]{3,100}:.{16,}$/,
      "expected key:secret, a key of 3–100 [A-Za-z0-9._-] and a secret of 16+ characters",
    )
    .optional(),
  /** Ed25519 private key (PKCS#8 PEM, or base64 DER) that signs certificates; else one kept in the database. */
  CERT_SIGNING_KEY: z.string().min(1).optional(),
});

export type Config = z.infer<typeof schema> & { demo: boolean };

/** Reads configuration from the environment; an invalid value stops the server with its name. */
export function loadConfig(env: NodeJS.ProcessEnv, options: { demo: boolean }): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  if (options.demo && parsed.data.NODE_ENV === "production") {
    throw new Error("Demo mode cannot run with NODE_ENV=production");
  }
  return { ...parsed.data, demo: options.demo };
}
