"use strict";
/**
 * The words the generalization corpus writes its tables with. Two kinds:
 *  - "known" words: those PRODUCT.md §2/§3.1 names (合计, 总计, 全市, 汇总, Total, Grand total, X目标;
 *    单位, 单位名称, 地区, 村（社区）, 部门, Region; 省下达目标, 考核目标, 上级下达, 省定目标; 家 个 项 …);
 *  - "unseen" words: in none of the vocabularies. They were chosen by reading PRODUCT.md and the
 *    engine's word lists as they stood when the corpus was written (src/core/detect/labels.ts,
 *    indicator.ts, parse/cellText.ts at e1efcd5): 总额, 总和, 加总, 总盘子 as totals (not 总量, a stock
 *    word, nor 共计, a number prefix); 承担单位, 责任主体, 片区 as unit headers; 栋, 艘, 宗, 处 as measures.
 * A table written with unseen words can only be read by structure and arithmetic (PRODUCT §3.1).
 * Real place names are always placed under their own city (a district under the wrong city would be
 * a legitimate unit-misplaced warning).
 */

/** Real cities and their county-level units (MCA 2024 table; the engine's dictionary agrees). */
const CITIES = {
  杭州市: [
    "上城区",
    "拱墅区",
    "西湖区",
    "滨江区",
    "萧山区",
    "余杭区",
    "临平区",
    "钱塘区",
    "富阳区",
    "临安区",
    "桐庐县",
    "淳安县",
    "建德市",
  ],
  宁波市: [
    "海曙区",
    "江北区",
    "北仑区",
    "镇海区",
    "鄞州区",
    "奉化区",
    "象山县",
    "宁海县",
    "余姚市",
    "慈溪市",
  ],
  温州市: [
    "鹿城区",
    "龙湾区",
    "瓯海区",
    "洞头区",
    "永嘉县",
    "平阳县",
    "苍南县",
    "文成县",
    "泰顺县",
    "瑞安市",
    "乐清市",
    "龙港市",
  ],
  绍兴市: ["越城区", "柯桥区", "上虞区", "新昌县", "诸暨市", "嵊州市"],
  南京市: [
    "玄武区",
    "秦淮区",
    "建邺区",
    "鼓楼区",
    "浦口区",
    "栖霞区",
    "雨花台区",
    "江宁区",
    "六合区",
    "溧水区",
    "高淳区",
  ],
  苏州市: ["虎丘区", "吴中区", "相城区", "姑苏区", "吴江区", "常熟市", "张家港市", "昆山市", "太仓市"],
  成都市: [
    "锦江区",
    "青羊区",
    "金牛区",
    "武侯区",
    "成华区",
    "龙泉驿区",
    "青白江区",
    "新都区",
    "温江区",
    "双流区",
    "郫都区",
    "新津区",
    "金堂县",
    "大邑县",
    "蒲江县",
    "都江堰市",
    "彭州市",
    "邛崃市",
    "崇州市",
    "简阳市",
  ],
  武汉市: [
    "江岸区",
    "江汉区",
    "硚口区",
    "汉阳区",
    "武昌区",
    "青山区",
    "洪山区",
    "东西湖区",
    "汉南区",
    "蔡甸区",
    "江夏区",
    "黄陂区",
    "新洲区",
  ],
};

/** Syllables for invented place names: no character of a total, assignment, target or note word. */
const PLACE_SYLLABLES = [
  ..."青溪枫桥云岭梅林竹园石门兰亭凤鸣沙河清泉双峰玉金坪银湖白鹭黄土龙岗松岩桃源柳塘莲花樟杏坛荷芦浦翠屏长乐永安新丰兴隆宁仁太平大洋",
];
/** Rare characters for the "unseen" domain: invented words that look like nothing a table names. */
const RARE = [..."琮璟翊宸珩琅瑄玥璞琛瑜琪珏瑛璐璇珂瑶琨璋"];
const EN_SYLLABLES = [
  "val",
  "dor",
  "quen",
  "by",
  "mar",
  "low",
  "tes",
  "ka",
  "rin",
  "oth",
  "bel",
  "nar",
  "vis",
  "tor",
  "lan",
  "em",
];

const DEPARTMENTS = [
  "市发改委",
  "市科技局",
  "市教育局",
  "市经信局",
  "市财政局",
  "市人社局",
  "市自然资源局",
  "市生态环境局",
  "市住建局",
  "市交通运输局",
  "市水利局",
  "市农业农村局",
  "市商务局",
  "市文广旅游局",
  "市卫健委",
  "市应急管理局",
  "市市场监管局",
  "市统计局",
  "市民政局",
  "市司法局",
  "市审计局",
  "市体育局",
  "市医保局",
  "市数据局",
];
const CN_NUM = [
  "一",
  "二",
  "三",
  "四",
  "五",
  "六",
  "七",
  "八",
  "九",
  "十",
  "十一",
  "十二",
  "十三",
  "十四",
  "十五",
  "十六",
  "十七",
  "十八",
  "十九",
  "二十",
];
const COMPANIES = [
  ...CN_NUM.map((n) => `${n}分公司`),
  ...["华东", "华南", "华北", "华中", "西南", "西北", "东北"].map((r) => `${r}分公司`),
];
const HOSPITALS = [
  "市第一人民医院",
  "市第二人民医院",
  "市第三人民医院",
  "市中医院",
  "市妇幼保健院",
  "市儿童医院",
  "市口腔医院",
  "市精神卫生中心",
  "市康复医院",
  "市肿瘤医院",
  "市眼科医院",
  "市急救中心",
];
const STEMS = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
const COMPASS = [
  "North",
  "South",
  "East",
  "West",
  "Central",
  "Northeast",
  "Northwest",
  "Southeast",
  "Southwest",
];

/** Domains of the children's names; each says how many distinct names it can give. */
const DOMAINS = [
  "city",
  "town",
  "village",
  "department",
  "company",
  "school",
  "hospital",
  "stems",
  "code",
  "english",
  "invented",
];

/** Header of the unit line (units-in-rows tables), by domain; "" is a blank header. */
const UNIT_HEADERS = {
  zh: { any: ["单位", "单位名称", ""], place: ["地区"], village: ["村（社区）"], department: ["部门"] },
  en: { any: ["Region", "Unit", ""] },
  unseenZh: ["承担单位", "责任主体"],
  unseenZhPlace: ["片区"],
  unseenEn: ["Territory", "Cost centre"],
};
/** The corner over the indicator names (indicators-in-rows tables). */
const CORNERS = { zh: ["指标名称", "指标", "项目", ""], en: ["Indicator", "Measure", ""] };

const TOTALS = {
  zh: { any: ["合计", "总计", "汇总"], city: ["全市"], town: ["全县", "全市"], village: ["全县"] },
  en: { any: ["Total", "Grand total"], english: ["All regions"] },
  unseenZh: ["总额", "总和", "加总", "总盘子"],
  unseenEn: ["Overall", "Combined", "Aggregate"],
};
const ASSIGNMENTS = ["省下达目标", "考核目标", "上级下达", "省定目标"];

/**
 * Additive indicators: name, measure, decimals allowed, value range, and how the tolerance is known:
 * "exact" (a whole-number count of PRODUCT §4: tolerance 0), "band" (u = 10^-d), "uncertain"
 * (a measure in no vocabulary, or an English count: a fault must be an error under either reading,
 * and no rounding trap is laid on it).
 */
const ADDITIVE = {
  zh: [
    { name: "新增高新技术企业数", measure: "家", decimals: [0], range: [0, 400], tol: "exact" },
    { name: "新增科技型中小企业", measure: "家", decimals: [0], range: [5, 900], tol: "exact" },
    { name: "新建5G基站", measure: "个", decimals: [0], range: [10, 3000], tol: "exact" },
    { name: "重点建设项目", measure: "项", decimals: [0], range: [1, 60], tol: "exact" },
    { name: "新增城镇就业", measure: "人", decimals: [0], range: [100, 9000], tol: "exact" },
    { name: "专利授权量", measure: "件", decimals: [0], range: [20, 5000], tol: "exact" },
    { name: "培育家庭农场", measure: "户", decimals: [0], range: [3, 300], tol: "exact" },
    { name: "常住人口", measure: "人", decimals: [0], range: [1901, 2099], tol: "exact", yearLike: true },
    { name: "固定资产投资", measure: "亿元", decimals: [1, 2], range: [5, 900], tol: "band" },
    { name: "研发经费投入", measure: "万元", decimals: [0, 1, 2], range: [50, 90000], tol: "band" },
    { name: "社会消费品零售额", measure: "亿元", decimals: [1, 2], range: [10, 1500], tol: "band" },
    { name: "实际利用外资", measure: "万美元", decimals: [0, 1], range: [100, 50000], tol: "band" },
    { name: "粮食播种面积", measure: "万亩", decimals: [1, 2], range: [1, 120], tol: "band" },
    { name: "造林面积", measure: "亩", decimals: [0], range: [100, 20000], tol: "band" },
  ],
  unseen: [
    { name: "新建保障房", measure: "栋", decimals: [0], range: [20, 900], tol: "uncertain" },
    { name: "更新渔船", measure: "艘", decimals: [0], range: [30, 600], tol: "uncertain" },
    { name: "土地出让", measure: "宗", decimals: [0], range: [15, 400], tol: "uncertain" },
    { name: "新建停车场", measure: "处", decimals: [0], range: [12, 800], tol: "uncertain" },
  ],
  en: [
    { name: "Revenue", measure: "$M", decimals: [1, 2], range: [5, 900], tol: "band" },
    { name: "Capital spending", measure: "$M", decimals: [1, 2], range: [1, 400], tol: "band" },
    { name: "New stores", measure: "count", decimals: [0], range: [20, 400], tol: "uncertain" },
    { name: "Hires", measure: "count", decimals: [0], range: [30, 900], tol: "uncertain" },
    { name: "Floor space", measure: "sq m", decimals: [0], range: [500, 90000], tol: "uncertain" },
  ],
};

/** Additive names for a table whose measure is written once in a 单位： line. */
const LINE_MEASURES = [
  {
    measure: "万元",
    decimals: [0, 1, 2],
    range: [50, 90000],
    tol: "band",
    names: ["研发经费投入", "技改投资", "农业产值", "财政专项资金", "服务业营业收入", "文旅消费额"],
  },
  {
    measure: "亿元",
    decimals: [1, 2],
    range: [5, 900],
    tol: "band",
    names: ["固定资产投资", "工业投资", "社会消费品零售额", "外贸出口额", "税收收入", "民间投资"],
  },
  {
    measure: "家",
    decimals: [0],
    range: [3, 900],
    tol: "exact",
    names: [
      "新增高新技术企业",
      "新增科技型中小企业",
      "新增规上工业企业",
      "新增小微企业",
      "新认定专精特新企业",
      "新增上市企业",
    ],
  },
  {
    measure: "个",
    decimals: [0],
    range: [5, 3000],
    tol: "exact",
    names: ["新建5G基站", "新增充电桩", "新建口袋公园", "新增托育机构", "改造老旧小区", "新建便民驿站"],
  },
  {
    measure: "万亩",
    decimals: [1, 2],
    range: [1, 120],
    tol: "band",
    names: ["粮食播种面积", "高标准农田建设", "造林绿化面积", "油菜种植面积", "蔬菜种植面积", "茶园面积"],
  },
];
const LINE_MEASURES_UNSEEN = [
  {
    measure: "宗",
    decimals: [0],
    range: [15, 400],
    tol: "uncertain",
    names: ["土地出让", "招商签约", "存量盘活", "矛盾化解", "信访办结", "案件办结"],
  },
  {
    measure: "处",
    decimals: [0],
    range: [12, 800],
    tol: "uncertain",
    names: ["新建停车场", "新建公厕", "新建文化驿站", "整治积水点", "新建球场", "新建绿道节点"],
  },
];

/** Ratio indicators: the parent is a mean of the children, never a sum. */
const RATIOS = {
  zh: [
    { name: "营业收入增长率", measure: "%", d: 1, range: [2, 15] },
    { name: "研发投入强度", measure: "%", d: 2, range: [1, 5] },
    { name: "人均可支配收入", measure: "元", d: 0, range: [30000, 80000] },
    { name: "城镇化率", measure: "%", d: 1, range: [50, 90] },
    { name: "规上工业增加值增速", measure: "%", d: 1, range: [3, 12] },
  ],
  en: [
    { name: "Growth", measure: "%", d: 1, range: [1, 12] },
    { name: "Margin", measure: "%", d: 1, range: [5, 30] },
    { name: "Revenue per capita", measure: "$", d: 0, range: [20000, 90000] },
  ],
};
/** Share indicators: each child's share of the parent's own total; they add up to 100. */
const SHARES = {
  zh: ["任务占比", "投资占比", "构成", "份额"],
  zhPlace: ["占全市比重"],
  en: ["Share of total"],
};
/** Qualitative indicators (text targets, reported as info, never wrong). */
const QUALITATIVE = {
  names: ["固定资产投资增速", "营商环境", "安全生产", "数字化改革"],
  parent: ["快于全省平均", "持续优化", "确保稳定", "走在前列"],
  child: ["快于全市平均", "高于全市平均", "稳步提升", "持续改善", "确保完成", "力争突破"],
};
/** An attribute column beside the indicator names (indicators-in-rows). */
const ATTRIBUTES = [
  { header: "指标属性", values: ["预期性", "约束性"] },
  { header: "状态", values: ["推进中", "已完成", "新增"] },
];
const REMARKS = {
  zh: ["含开发区", "新设单位", "按季度报送", "另行下达", "以统计口径为准"],
  en: ["incl. pilots", "new unit", "provisional"],
};
const NOTES = {
  zh: [
    ["注：1.各地目标为年度目标；"],
    ["注：带*号的为约束性指标。"],
    ["数据来源：市统计局"],
    ["注：1.本表为年度目标。", "2.各地可结合实际细化分解。"],
    ["说明：本表数据截至2024年12月31日。"],
  ],
  en: [
    ["Note: figures are provisional."],
    ["Source: finance department, March 2025."],
    ["* Includes one-off items."],
  ],
};
const TITLES = {
  zh: ["2024年度主要指标任务分解表", "2025年重点工作目标分解", "年度考核指标分解表", "主要经济指标分解情况"],
  en: ["FY2025 targets by unit", "Annual plan 2024", "Targets"],
};
/** Year tables (progressions): stocks must not decrease, flows and ratios may. */
const PERIOD_ROWS = {
  stock: [
    { name: "累计培育高新技术企业", measure: "家", d: 0, start: [800, 3000], step: [50, 400] },
    { name: "有效发明专利拥有量", measure: "件", d: 0, start: [5000, 40000], step: [300, 3000] },
    { name: "新能源汽车保有量", measure: "万辆", d: 1, start: [5, 80], step: [2, 15] },
  ],
  flow: [
    { name: "新增就业", measure: "人", d: 0, range: [8000, 30000] },
    { name: "年度项目投资", measure: "亿元", d: 1, range: [100, 900] },
  ],
  ratio: [{ name: "研发投入增长", measure: "%", d: 1, range: [3, 15] }],
  en: [
    { name: "Revenue", measure: "$M", d: 1, range: [100, 900] },
    { name: "Headcount", measure: "count", d: 0, range: [200, 900] },
  ],
};

module.exports = {
  CITIES,
  PLACE_SYLLABLES,
  RARE,
  EN_SYLLABLES,
  DEPARTMENTS,
  CN_NUM,
  COMPANIES,
  HOSPITALS,
  STEMS,
  COMPASS,
  DOMAINS,
  UNIT_HEADERS,
  CORNERS,
  TOTALS,
  ASSIGNMENTS,
  ADDITIVE,
  LINE_MEASURES,
  LINE_MEASURES_UNSEEN,
  RATIOS,
  SHARES,
  QUALITATIVE,
  ATTRIBUTES,
  REMARKS,
  NOTES,
  TITLES,
  PERIOD_ROWS,
};
