/**
 * Words that head a column (or a row) of a table and say what it holds. A header is evidence,
 * confirmed by the cells under it (a column headed 单位 holds measures only when its cells are
 * measure words).
 */

/** A running number, not a unit or an indicator. */
export const INDEX_HEADERS = [
  "序号",
  "编号",
  "序",
  "行次",
  "栏次",
  "No",
  "No.",
  "NO",
  "#",
  "S/N",
  "Item no.",
];

/** The header over the indicators' names. */
export const INDICATOR_HEADERS = [
  "指标名称",
  "指标",
  "指标项目",
  "项目",
  "项目名称",
  "主要指标",
  "考核指标",
  "指标内容",
  "内容",
  "名称",
  "任务",
  "工作任务",
  "目标任务",
  "Indicator",
  "Indicators",
  "Item",
  "Items",
  "Metric",
  "Metrics",
  "Line item",
  "Description",
  "Measure",
];

/** The header over the units' names (the list a target is split over). */
export const UNIT_HEADERS = [
  "地区",
  "地区名称",
  "区域",
  "区县",
  "县区",
  "县市区",
  "区县市",
  "区、县(市)",
  "区县(市)",
  "各区县(市)",
  "单位",
  "单位名称",
  "地方",
  "行政区",
  "行政区划",
  "市县",
  "市州",
  "城市",
  "地市",
  "设区市",
  "省份",
  "省市",
  "乡镇",
  "乡镇(街道)",
  "镇街",
  "街道",
  "村",
  "社区",
  "村(社区)",
  "部门",
  "部门名称",
  "处室",
  "学校",
  "医院",
  "公司",
  "企业",
  "企业名称",
  "分公司",
  "Region",
  "Regions",
  "Area",
  "Unit",
  "Department",
  "Dept",
  "Branch",
  "Office",
  "Country",
  "State",
  "Province",
  "City",
  "District",
  "County",
  "Division",
  "Entity",
  "Segment",
  "Store",
  "Team",
];

/** The header over the indicators' measures (a 计量单位 column or row). */
export const MEASURE_HEADERS = ["单位", "计量单位", "指标单位", "Unit", "Units", "UoM", "Unit of measure"];

/** Columns (or rows) of remarks and attributes: never a unit, never an indicator's value. */
export const NOTE_HEADERS = [
  "备注",
  "说明",
  "注",
  "责任单位",
  "牵头单位",
  "责任部门",
  "配合单位",
  "牵头部门",
  "责任处室",
  "数据来源",
  "来源",
  "完成时限",
  "口径说明",
  "指标属性",
  "属性",
  "指标性质",
  "性质",
  "指标类型",
  "类型",
  "状态",
  "Remarks",
  "Remark",
  "Notes",
  "Note",
  "Comments",
  "Comment",
  "Source",
  "Status",
];

/**
 * Columns (or rows) that describe the units rather than give them targets: identities, years,
 * classes. Numbers under them (a 学号, a year of entry) are never summed.
 */
export const ATTRIBUTE_HEADERS = [
  "学号",
  "工号",
  "编码",
  "代码",
  "行政区划代码",
  "统一社会信用代码",
  "身份证号",
  "电话",
  "联系电话",
  "邮编",
  "年份",
  "出生年份",
  "入学年份",
  "年级",
  "班级",
  "性别",
  "民族",
  "日期",
  "ID",
  "Employee ID",
  "Student ID",
  "Code",
  "Phone",
  "Zip",
  "Year",
  "Class",
  "Grade",
  "Gender",
  "Date",
];

/** A line naming each unit's parent: the levels of a three-level table written out. */
export const PARENT_LINE_HEADERS = [
  "上级",
  "上级单位",
  "上级地区",
  "上级行政区",
  "所属",
  "所属地区",
  "所属市",
  "所属地市",
  "所属单位",
  "隶属",
  "Parent",
];

/** A line giving each unit's level (1 province, 2 city, 3 county). */
export const LEVEL_LINE_HEADERS = ["级别", "层级", "行政级别", "单位级别", "层次", "级次", "Level"];

/** How a level is written in a level line, by level. */
export const LEVEL_WORDS: readonly [number, readonly string[]][] = [
  [1, ["省", "省级", "一级"]],
  [2, ["市", "地市", "市级", "设区市", "二级"]],
  [3, ["县", "区", "县级", "区县", "县(市)", "县(区)", "县市区", "三级"]],
  [4, ["乡", "镇", "乡镇", "街道", "乡镇级", "四级"]],
];
