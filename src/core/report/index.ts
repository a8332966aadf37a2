/**
 * The audit report, accepted findings and the change trail (issue 6). Pure: the command line
 * and the add-in both build the report here and only write the rows.
 *
 *   const result = checkMaps(workbook, maps);                      // or checkWorkbook
 *   const report = await auditReport(workbook, result, { file, time: new Date(), lang: "zh" });
 *   report.sheet   // rows, styles, links, merges, widths → write as a new sheet 审核报告
 *   report.result  // the result with accepted findings marked and the summary recounted
 *
 * Accepting a finding in the pane:
 *   const a = await createAcceptance(finding, workbook, { reason, by, at: new Date().toISOString() });
 *   const column = encodeAcceptances(withAcceptance(readAcceptances(workbook).items, a));
 *   // write `column` top-down into _tdcheck!C1 (SECTION_COLUMNS.acceptances)
 */
export * from "./stateSheet";
export * from "./fingerprint";
export * from "./acceptance";
export * from "./trail";
export * from "./passedText";
export * from "./buildReport";
export * from "./layout";
export * from "./csv";
export { auditReport, type AuditReport, type AuditReportOptions } from "./auditReport";
