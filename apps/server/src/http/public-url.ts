import type { Context } from "hono";
import type { Config } from "../config.ts";

/**
 * The address people reach this server at, for links that leave it (QR codes, issuer ids in signed
 * certificates). PUBLIC_URL when set, which production behind a TLS proxy needs; otherwise the
 * origin of the request.
 */
export function publicBaseUrl(c: Context, config: Config): string {
  return (config.PUBLIC_URL ?? new URL(c.req.url).origin).replace(/\/+$/, "");
}
