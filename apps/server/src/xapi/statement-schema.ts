import { z } from "zod";

// The statement shape this LRS accepts today: the structure the product's own clients write.
// Issue 6 widens this to the whole xAPI 1.0.3 statement grammar.
const languageMap = z.record(z.string().min(1), z.string());
const iri = z.string().regex(/^[a-z][a-z0-9+.-]*:\S+$/i, "must be an absolute IRI");

export const statementSchema = z
  .object({
    id: z.uuid().optional(),
    actor: z.object({
      objectType: z.literal("Agent").optional(),
      name: z.string().optional(),
      account: z.object({ homePage: iri, name: z.string().min(1) }).strict(),
    }),
    verb: z.object({ id: iri, display: languageMap.optional() }).strict(),
    object: z
      .object({
        objectType: z.literal("Activity").optional(),
        id: iri,
        definition: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    result: z
      .object({
        score: z
          .object({
            scaled: z.number().min(-1).max(1).optional(),
            raw: z.number().optional(),
            min: z.number().optional(),
            max: z.number().optional(),
          })
          .strict()
          .optional(),
        success: z.boolean().optional(),
        completion: z.boolean().optional(),
        duration: z.string().optional(),
        response: z.string().optional(),
        extensions: z.record(iri, z.unknown()).optional(),
      })
      .strict()
      .optional(),
    context: z.record(z.string(), z.unknown()).optional(),
    timestamp: z.iso.datetime({ offset: true }).optional(),
    version: z
      .string()
      .regex(/^1\.0(\.\d+)?$/)
      .optional(),
  })
  .strict();

export type IncomingStatement = z.infer<typeof statementSchema>;

export const MAX_BATCH = 500;

export const statementBatchSchema = z.array(statementSchema).min(1).max(MAX_BATCH);
