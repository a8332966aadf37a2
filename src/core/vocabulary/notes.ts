/**
 * Lines below (or beside) a table that are notes, not data: they end a table.
 */

/** Words a note line starts with, followed by a colon or a number: 注：, 说明1., Note:, Source: */
export const NOTE_LINE_WORDS = [
  "注",
  "备注",
  "说明",
  "数据来源",
  "资料来源",
  "填表说明",
  "附注",
  "填报说明",
  "note",
  "notes",
  "source",
  "sources",
  "footnote",
  "footnotes",
];
