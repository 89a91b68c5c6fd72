/** A problem in a content file. Lines and columns are 1-based, as editors show them. */
export interface Diagnostic {
  /** Absolute path of the file the problem is in. */
  file: string;
  line: number;
  column: number;
  message: string;
}
