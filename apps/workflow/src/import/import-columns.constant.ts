/** The 台账 columns, in template order; headers are matched exactly (surrounding spaces ignored). */
export const IMPORT_COLUMNS = [
  {
    key: 'projectCode',
    header: '项目代码',
    help: '国家投资项目在线审批监管平台的项目代码；与「项目ID」二选一',
    example: '2026-440811-30-03-123456',
  },
  { key: 'projectId', header: '项目ID', help: '本系统的项目标识；与「项目代码」二选一', example: '' },
  { key: 'catalogCode', header: '事项编码', help: '事项目录中的编码，如 eia_table', example: 'eia_table' },
  {
    key: 'state',
    header: '当前状态',
    help:
      '准备材料 / 已提交 / 补正中 / 不予受理 / 已受理 / 容缺受理 / 特别程序 / 已延期 / 已批准 / 承诺制批准 / ' +
      '不予许可 / 已领取结果 / 已移交 / 无需办理（或对应英文代码；「补正」「容缺」「延期」「免办」亦可）',
    example: '已受理',
  },
  {
    key: 'submittedOn',
    header: '提交日期',
    help: 'YYYY-MM-DD；已提交及之后的状态必填',
    example: '2026-02-10',
  },
  {
    key: 'acceptedOn',
    header: '受理日期',
    help: 'YYYY-MM-DD；已受理及之后的状态必填',
    example: '2026-02-12',
  },
  {
    key: 'specialProcedures',
    header: '特别程序',
    help: '种类:开始日期~结束日期，多段用分号分隔；进行中的只写开始日期，如 专家评审:2026-03-02~',
    example: '',
  },
  { key: 'approvedOn', header: '批准日期', help: 'YYYY-MM-DD；已批准、承诺制批准必填', example: '' },
  { key: 'resultDocNo', header: '结果文号', help: '批文或证照编号', example: '' },
  { key: 'issuedVia', header: '出具方式', help: '部门 / 园区2号章 / 电子印章', example: '' },
  { key: 'sealApprover', header: '2号章审批人', help: '出具方式为园区2号章时必填', example: '' },
  { key: 'commitmentMaterials', header: '承诺材料', help: '承诺制批准时必填，多项用分号分隔', example: '' },
  { key: 'commitmentDueOn', header: '承诺履行期限', help: 'YYYY-MM-DD；承诺制批准时必填', example: '' },
  {
    key: 'correctionOn',
    header: '补正日期',
    help: 'YYYY-MM-DD，部门出具补正通知的日期；补正中必填',
    example: '',
  },
  {
    key: 'correctionMaterials',
    header: '补正材料',
    help: '补正中必填：部门要求补正的材料，多项用分号分隔',
    example: '',
  },
  {
    key: 'deficiencyMaterials',
    header: '容缺材料',
    help: '容缺受理必填：容缺的材料，多项用分号分隔（容缺受理的日期填在「受理日期」）',
    example: '',
  },
  { key: 'deficiencyDueOn', header: '容缺补齐期限', help: 'YYYY-MM-DD；容缺受理必填', example: '' },
  {
    key: 'extendedOn',
    header: '延期日期',
    help: 'YYYY-MM-DD，部门批准延期的日期；已延期必填，受理后的其他状态（特别程序、已批准等）有延期时填写',
    example: '',
  },
  {
    key: 'extendedLimit',
    header: '延期后时限',
    help: '延期批准后的办理时限（天数，单位同事项目录），取代承诺时限；须大于原时限；填写延期日期时必填',
    example: '',
  },
  { key: 'extensionReason', header: '延期原因', help: '填写延期日期时必填', example: '' },
  {
    key: 'decidedOn',
    header: '决定日期',
    help: 'YYYY-MM-DD；不予受理、不予许可、无需办理必填（分别为不予受理、不予许可、免办的日期）',
    example: '',
  },
  { key: 'reason', header: '原因', help: '不予受理、不予许可、无需办理必填', example: '' },
  {
    key: 'collectedOn',
    header: '领取日期',
    help: 'YYYY-MM-DD，领取结果的日期；已领取结果、已移交必填',
    example: '',
  },
  {
    key: 'handedOverOn',
    header: '移交日期',
    help: 'YYYY-MM-DD，结果移交企业的日期；已移交必填',
    example: '',
  },
  { key: 'handoverReceiptNo', header: '移交回执号', help: '企业签收回执的编号；已移交必填', example: '' },
  { key: 'agent', header: '代办员', help: '代办员账号；不填则为该代办件已分配的代办员', example: '' },
  { key: 'note', header: '备注', help: '', example: '历史台账导入' },
] as const;

export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];
export type ImportRecord = Record<ImportColumnKey, string>;

export const headerOf = (key: ImportColumnKey) => IMPORT_COLUMNS.find((c) => c.key === key)!.header;
