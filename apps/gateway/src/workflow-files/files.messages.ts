/** The Chinese sentences of the requests, attachments and import routes (the gateway's catalog style). */
export const FILES_MESSAGES = {
  notMultipart: '请以 multipart/form-data 方式上传文件',
  fileMissing: '请选择要上传的文件',
  oneFileOnly: '每次只能上传一个文件，字段名须为 file',
  unknownPart: (name: string) => `不允许的表单字段：${name}`,
  fileTooLarge: (megabytes: number) => `文件大小不能超过 ${megabytes} MB`,
  oneTarget: '须且仅须指定 itemId、caseId 或 projectId 之一',
} as const;
