// Browser-safe entry: types and schemas only. The fs-based loader and check live in "./node".
export type { Diagnostic } from "./diagnostic.ts";
export type {
  Assessment,
  Certification,
  CourseManifest,
  LessonRef,
  Objective,
  Reference,
  Role,
  Text,
} from "./schema.ts";
export {
  assessmentSchema,
  certificationSchema,
  courseManifestSchema,
  idSchema,
  lessonRefSchema,
  objectiveSchema,
  referenceSchema,
  roleSchema,
  roles,
  textSchema,
} from "./schema.ts";
