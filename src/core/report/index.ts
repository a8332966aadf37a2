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
 *   const list = withAcceptance(parseAcceptances(storedDoc).acceptances, a);
 *   // store acceptancesDocument(list) as section "acceptances" (column C), or write the cells of
 *   // encodeAcceptances(list) top-down into _tdcheck!C1; the next report shows it as accepted.
 *
 * Writing the report sheet through Office.js: `sheet.rows` (value, style, link → hyperlink
 * `documentReference`), `REPORT_STYLES[style]` for fonts/fills/borders, `widthInPoints(width)`,
 * `sheet.merges`, `freezeRows`, `printTitleRow`, `uniqueSheetName(sheet.name, existingNames)`.
 */
export * from "./stateSheet";
export * from "./fingerprint";
export * from "./acceptance";
export * from "./trail";
export * from "./trailEntry";
export * from "./passedText";
export * from "./buildReport";
export * from "./layout";
export * from "./csv";
export { auditReport, type AuditReport, type AuditReportOptions } from "./auditReport";
