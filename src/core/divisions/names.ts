/**
 * How a unit's name is read: the key it is matched by, its short form (杭州 for 杭州市), the
 * aliases planners write for autonomous units (湘西州, 景宁县), and whether a name is a
 * functional unit (开发区, 市本级) that no division table lists.
 */
import { normalizeLabel } from "../text";

// text.ts folds the characters of table vocabulary (合計, 鄉, 鎮, 臨, 區); place names need more
// (瀋陽, 濰坊 are there, 豐台, 薊州, 灤州 are not). Only characters whose simplified form occurs
// in a division's name are listed, and no listed character is itself used in a simplified name.
const TRADITIONAL =
  "豐頭溝義慶薊莊陘欒贊極趙潤灤遷盧鄲叢復複雞館堯競蓮淶寬場運肅獻驊間廠嶺婁煩岡渾黨壺遙聞絳嵐馬呂樓爾侖" +
  "烏庫倫勝錦貝賚諾陳蘭納涼連僕鑲藍瀋鐵崗賓鳳鮁魚邊蓋細聖偉燈盤銀圖調蘆綏樹樺輝鮮羅們琿鋒訥鶴蘿鴨賢誼薩" +
  "蔭湯進風遠愛遜孫瑪匯滙楊閔鄴棲賈銅鍾鐘壇倉漣響儀郵錢甌蒼潯諸縉瑤蕪鏡鳩會謝塗樅觀潛譙潁碭渦涇績廈廂嶼" +
  "鯉獅薌詔譜灘貢猶尋峽幹鉛橫歷曆鋼嶗膠嶧兒墾煙兗鄒霑鄆鞏滎許澗師頂郟獲澠臥鄧溮駐驛輿礄鄖歸荊夢監團蘄隨" +
  "瀏暉漵瀘湞鬥禪壯鬱鳴疊欽綿賀憑亞邁壩墊崍簡敘藺劍閣夾隴閬鄰鎣爐覺習畢織貞謨凱勻甕祿勸沖瀾謀舊彌硯疇臘" +
  "頗則結聶閻韓麥兩剛雜稱謙鹼壘輪碩蘊懷紅靜礦靈澤撫滿禮雙鷹吳棗饒榮離賽聯騰後裡裏窪啟徵點軍獨維穀嶽崑峯" +
  "淩遊";
const SIMPLIFIED =
  "丰头沟义庆蓟庄陉栾赞极赵润滦迁卢郸丛复复鸡馆尧竞莲涞宽场运肃献骅间厂岭娄烦冈浑党壶遥闻绛岚马吕楼尔仑" +
  "乌库伦胜锦贝赉诺陈兰纳凉连仆镶蓝沈铁岗宾凤鲅鱼边盖细圣伟灯盘银图调芦绥树桦辉鲜罗们珲锋讷鹤萝鸭贤谊萨" +
  "荫汤进风远爱逊孙玛汇汇杨闵邺栖贾铜钟钟坛仓涟响仪邮钱瓯苍浔诸缙瑶芜镜鸠会谢涂枞观潜谯颍砀涡泾绩厦厢屿" +
  "鲤狮芗诏谱滩贡犹寻峡干铅横历历钢崂胶峄儿垦烟兖邹沾郓巩荥许涧师顶郏获渑卧邓浉驻驿舆硚郧归荆梦监团蕲随" +
  "浏晖溆泸浈斗禅壮郁鸣叠钦绵贺凭亚迈坝垫崃简叙蔺剑阁夹陇阆邻蓥炉觉习毕织贞谟凯匀瓮禄劝冲澜谋旧弥砚畴腊" +
  "颇则结聂阎韩麦两刚杂称谦碱垒轮硕蕴怀红静矿灵泽抚满礼双鹰吴枣饶荣离赛联腾后里里洼启征点军独维谷岳昆峰" +
  "凌游";
const EXTRA_TRADITIONAL = new Map([...TRADITIONAL].map((ch, i) => [ch, SIMPLIFIED[i]]));
const EXTRA_TRADITIONAL_CHARS = new RegExp(`[${TRADITIONAL}]`, "g");

/** Exposed for the test that keeps the two strings aligned. */
export const TRADITIONAL_PLACE_CHARACTERS = { traditional: TRADITIONAL, simplified: SIMPLIFIED } as const;

/** The form a name is matched in: normalised like every label, place-name characters simplified,
 * and a trailing note in brackets dropped (建德市(县级市), 上城区【含原江干区】). */
export function divisionKey(text: string): string {
  const s = normalizeLabel(text).replace(EXTRA_TRADITIONAL_CHARS, (ch) => EXTRA_TRADITIONAL.get(ch) ?? ch);
  const bare = s.replace(/[([【〔][^()[\]【】〔〕]*[)\]】〕]$/, "");
  return bare || s;
}

// The 55 minority nationalities, as they appear inside autonomous units' names (壮族, 维吾尔).
const ETHNIC_GROUPS =
  "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 " +
  "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 " +
  "京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺";
// Longest first, so 达斡尔 is not mistaken for a shorter group's name.
const ETHNIC_SUFFIXES = ETHNIC_GROUPS.split(" ")
  .flatMap((g) => [g + "族", g])
  .sort((a, b) => b.length - a.length);
const AUTONOMOUS = /自治(区|州|县|旗)$/;
// Longest first, so 浦东新区 loses 新区 and 阿克苏地区 loses 地区, not just 区.
const SUFFIXES = ["特别行政区", "新区", "地区", "林区", "特区", "省", "市", "区", "县", "盟", "旗"];

/**
 * The name without its type: 杭州市 → 杭州, 西湖区 → 西湖, 恩施土家族苗族自治州 → 恩施,
 * 新疆维吾尔自治区 → 新疆. Undefined when less than two characters would remain (和县, 芒市,
 * 城区): a one-character stem names nothing reliably.
 */
export function stemOf(name: string): string | undefined {
  if (AUTONOMOUS.test(name)) {
    let base = name.slice(0, -3);
    for (;;) {
      const group = ETHNIC_SUFFIXES.find((g) => base.endsWith(g) && base.length - g.length >= 2);
      if (group === undefined) break;
      base = base.slice(0, -group.length);
    }
    return base.length >= 2 ? base : undefined;
  }
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix)) {
      const base = name.slice(0, -suffix.length);
      return base.length >= 2 ? base : undefined;
    }
  }
  return undefined;
}

/** What planners write for an autonomous unit: its stem and type (湘西州, 景宁县, 莫力达瓦旗). */
export function aliasesOf(name: string): string[] {
  const type = AUTONOMOUS.exec(name)?.[1];
  if (!type || type === "区") return [];
  const stem = stemOf(name);
  return stem ? [stem + type] : [];
}

// Bodies that receive targets but are not administrative divisions. Zone words are matched at the
// end (浦东新区 and 滨海新区 are real districts, and are checked against the dictionary first).
const FUNCTIONAL_ANYWHERE = /开发区|高新区|经开区|管委会|管理委员会|风景名胜区|度假区|本级/;
const FUNCTIONAL_AT_END =
  /(新区|园区|产业园|风景区|景区|旅游区|保税区|综保区|示范区|实验区|试验区|合作区|管理区|集聚区|工业区|港区)$/;
const FUNCTIONAL_AT_START = /^(省|市|州|盟|县|区|旗)直/;

/** Whether a matching key reads as a functional unit (the dictionary is consulted by the caller). */
export function looksFunctional(key: string): boolean {
  return FUNCTIONAL_ANYWHERE.test(key) || FUNCTIONAL_AT_END.test(key) || FUNCTIONAL_AT_START.test(key);
}

/** 市本级 belongs to the nearest city above it, 省本级 to the province, 县本级 to the county. */
export function ownLevelHint(key: string): 0 | 1 | 2 | undefined {
  const m = /^(省|市|州|盟|县|区|旗)(本级|直)/.exec(key);
  if (!m) return undefined;
  return m[1] === "省" ? 0 : "市州盟".includes(m[1]) ? 1 : 2;
}
