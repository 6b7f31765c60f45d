/**
 * Every text a user of reporting reads: messages, sheet names, column headers, labels. One catalog, so the
 * wording is reviewed in one place and identifiers stay English.
 */
export const MSG = {
  noCaller: '请先登录',
  reportsForbidden: '当前角色不能查看统计报表',
  targetsForbidden: '只有系统管理员可以修改年度目标',
  targetsVersionConflict: '年度目标已被他人修改，请刷新后重试',
  exportNotFound: '导出文件不存在或已过期',
  exportTooLarge: '导出数据过多，请缩小筛选范围',
} as const;

/** 湛江's counties and the two functional zones reported like counties (DOMAIN.md "Geography"). */
export const COUNTY_NAMES: Readonly<Record<string, string>> = {
  '440802': '赤坎区',
  '440803': '霞山区',
  '440804': '坡头区',
  '440811': '麻章区',
  '440823': '遂溪县',
  '440825': '徐闻县',
  '440881': '廉江市',
  '440882': '雷州市',
  '440883': '吴川市',
  ZJETDZ: '湛江经济技术开发区',
  FYHTZ: '奋勇高新区',
};

export function countyName(code: string): string {
  return COUNTY_NAMES[code] ?? code;
}

export const PROJECT_STATUS_LABELS: Readonly<Record<string, string>> = {
  preparing: '筹建',
  under_construction: '在建',
  in_production: '已投产',
  cancelled: '已取消',
};

export const CASE_STATE_LABELS: Readonly<Record<string, string>> = {
  awaiting_agreement: '待签协议',
  agreement_signed: '已签协议',
  in_progress: '代办中',
  suspended: '已暂停',
  handed_over: '已移交',
  closed: '已办结',
  terminated: '已终止',
};

export const ITEM_STATE_LABELS: Readonly<Record<string, string>> = {
  not_started: '未启动',
  preparing: '准备中',
  submitted: '已提交',
  correction_requested: '补正中',
  not_accepted: '不予受理',
  accepted: '已受理',
  accepted_with_deficiency: '容缺受理',
  special_procedure: '特别程序',
  extended: '已延期',
  approved: '已批准',
  approved_on_commitment: '承诺制批准',
  commitment_breached: '承诺未履行',
  denied: '不予批准',
  result_collected: '已领取结果',
  handed_over: '已移交',
  waived: '无需办理',
};

export const LIGHT_LABELS: Readonly<Record<string, string>> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

export const TIER_LABELS: Readonly<Record<string, string>> = {
  gte_100yi: '100亿元及以上',
  from_50_to_100yi: '50亿—100亿元',
  from_10_to_50yi: '10亿—50亿元',
  from_5_to_10yi: '5亿—10亿元',
  below_5yi: '5亿元以下',
};

/** Department codes as the catalog routes items; an unknown code is shown as is. */
export const DEPARTMENT_NAMES: Readonly<Record<string, string>> = {
  fgj: '发展和改革局',
  zrzy: '自然资源局',
  sthj: '生态环境局',
  zjj: '住房和城乡建设局',
  yjj: '应急管理局',
  swj: '水务局',
  rfb: '人民防空办公室',
  szgy: '市政公用服务单位',
};

export function departmentName(code: string): string {
  return DEPARTMENT_NAMES[code] ?? code;
}

export const SUPERVISION_STATE_LABELS: Readonly<Record<string, string>> = {
  issued: '已下发',
  signed: '已签收',
  feedback: '已反馈',
  reviewed: '已复核',
  closed: '已销号',
};

export const REQUEST_STATE_LABELS: Readonly<Record<string, string>> = {
  raised: '已提出',
  routed: '已转办',
  answered: '已答复',
  closed: '已关闭',
};

export const LAND_KIND_LABELS: Readonly<Record<string, string>> = {
  reserved: '新收储',
  revitalized: '新盘活',
};

/** Sheet names (Excel allows at most 31 characters and no []:*?/\). */
export const SHEETS = {
  overviewProjects: '项目概况',
  overviewCases: '代办件',
  overviewItems: '审批事项',
  overdue: '逾期与预警事项',
  departments: '部门效能',
  agents: '代办员',
  quarterlyCounties: '区县季度进度',
  quarterlyParks: '园区季度进度',
  newStarts: '新开工项目',
  newProduction: '新投产项目',
  reserved: '新收储',
  revitalized: '新盘活',
  parkEvaluation: '园区年度评价',
  investmentTiers: '招商目标完成',
  investmentCounties: '分区县',
  investmentChains: '分产业链',
  investmentProjects: '签约项目',
  briefingSummary: '概况',
  openRequests: '企业诉求',
  supervisionOrders: '督办单',
} as const;

export const HEADERS = {
  dimension: '分类',
  name: '名称',
  count: '数量',
  investmentWan: '投资额（万元）',
  light: '灯色',
  rate: '比率（%）',
  project: '项目名称',
  projectCode: '项目代码',
  county: '区县',
  park: '园区',
  chain: '产业链',
  totalInvestmentWan: '总投资（万元）',
  date: '日期',
  inQuarter: '本季度',
  item: '事项',
  department: '部门',
  agent: '代办员',
  agentUserId: '代办员账号',
  state: '状态',
  clock: '时限类型',
  dueDate: '办理期限',
  workingDaysOverdue: '超期工作日',
  major: '重大项目',
  greenChannel: '绿色通道',
  supervision: '督办单状态',
  handled: '办结事项数',
  onTime: '按时办结数',
  onTimeRate: '按时办结率（%）',
  avgWorkingDays: '平均办理工作日',
  correctionRounds: '人均补正次数',
  currentOverdue: '当前逾期',
  currentYellow: '当前黄灯',
  openCases: '在办代办件',
  closedCases: '已办结代办件',
  openItems: '在办事项',
  overdueItems: '逾期事项',
  yellowItems: '黄灯事项',
  ratingCount: '评价数',
  averageRating: '平均评分',
  measure: '指标',
  quarterValue: '本季度',
  yearToDate: '年度累计',
  annualTarget: '年度目标',
  completion: '完成率（%）',
  expected: '序时进度（%）',
  behind: '落后百分点',
  areaMu: '面积（亩）',
  kind: '类型',
  rank: '排名',
  newStarts: '新开工（个）',
  newProduction: '新投产（个）',
  reservedMu: '新收储（亩）',
  revitalizedMu: '新盘活（亩）',
  score: '综合得分',
  tier: '投资规模',
  target: '目标（个）',
  actual: '完成（个）',
  signedOn: '签约日期',
  category: '诉求类别',
  level: '督办级别',
  issuedAt: '下发时间',
  feedbackDueAt: '反馈期限',
  overdueFlag: '是否逾期',
  yes: '是',
  no: '否',
} as const;

export const MEASURE_LABELS = {
  newStarts: '新开工（个）',
  newProduction: '新投产（个）',
  reservedMu: '新收储（亩）',
  revitalizedMu: '新盘活（亩）',
} as const;

export const CLOCK_LABELS: Readonly<Record<string, string>> = {
  time_limit: '办理时限',
  acceptance_decision: '受理决定（第32条）',
};

export const DIMENSION_LABELS = {
  status: '按状态',
  chain: '按产业链',
  county: '按区县',
  park: '按园区',
  total: '合计',
  decided: '已办结',
  decidedOnTime: '按时办结',
  onTimeRate: '按时办结率（%）',
  thisQuarterNewStarts: '本季度新开工',
  thisQuarterNewProduction: '本季度新投产',
} as const;

export const FILE_TITLES = {
  overview: '统计概览',
  overdue: '逾期与预警事项',
  departments: '部门效能',
  agents: '代办员工作量',
  quarterly: '季度跟踪',
  parkEvaluation: '园区年度评价',
  investment: '招商签约',
  briefing: '季度现场会材料',
} as const;
