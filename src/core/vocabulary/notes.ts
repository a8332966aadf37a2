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

/**
 * Lines of a form's margin, after (or beside) a table: who filled it in, when, for whom, and the
 * captions of what comes next. Matched at the start of a line.
 */
export const SIGNOFF_WORDS = [
  "填表人",
  "填报人",
  "制表人",
  "审核人",
  "负责人",
  "单位负责人",
  "统计负责人",
  "联系人",
  "联系电话",
  "填表日期",
  "填报日期",
  "制表日期",
  "报送日期",
  "制表单位",
  "填报单位",
  "附件",
  "附表",
  "prepared by",
  "reviewed by",
  "approved by",
  "date",
];
