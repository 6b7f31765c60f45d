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
    help: '准备材料 / 已提交 / 已受理 / 特别程序 / 已批准 / 承诺制批准（或对应英文代码）',
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
  { key: 'agent', header: '代办员', help: '代办员账号；不填则为该代办件已分配的代办员', example: '' },
  { key: 'note', header: '备注', help: '', example: '历史台账导入' },
] as const;

export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];
export type ImportRecord = Record<ImportColumnKey, string>;

export const headerOf = (key: ImportColumnKey) => IMPORT_COLUMNS.find((c) => c.key === key)!.header;
