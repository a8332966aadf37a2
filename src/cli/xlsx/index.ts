/** The .xlsx door of the command line: read a workbook into grids, write an annotated copy. */
export {
  readXlsx,
  measureInflateOnly,
  type ReadResult,
  type ReadOptions,
  type XlsxProblem,
  type XlsxProblemCode,
  type UnreadableSheet,
} from "./read";
export { DEFAULT_LIMITS, packageKind, openPackage, type Limits, type PackageKind } from "./package";
export {
  annotateXlsx,
  removeAnnotations,
  type AnnotateResult,
  type AnnotateProblem,
  type AnnotateOptions,
} from "./annotate";
export { NOTE_AUTHOR } from "./notes";
export { problemMessage, type ProblemText } from "./problems";
