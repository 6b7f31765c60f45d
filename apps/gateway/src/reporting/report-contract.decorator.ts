import { applyDecorators, SetMetadata, StreamableFile } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiContract, RESPONSE_SCHEMA_KEY, type ApiContractOptions } from '../http/api-contract.decorator';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/**
 * `@ApiContract` for a report route that also answers `?format=xlsx|csv` with a file: the JSON answer is
 * still parsed through the report's schema (so unlisted fields never leave), while a file passes untouched.
 */
export function ReportContract(options: ApiContractOptions & { response: z.ZodType }): MethodDecorator {
  return applyDecorators(
    ApiContract({
      ...options,
      description: [
        options.description,
        '`format=xlsx|csv`：以文件下载（中文表头，每节一张工作表；CSV 为带 BOM 的 UTF-8）。',
      ]
        .filter(Boolean)
        .join('\n\n'),
    }),
    ApiProduces('application/json', XLSX_TYPE, CSV_TYPE),
    // Applied after ApiContract, so this is the schema the response interceptor reads.
    SetMetadata(RESPONSE_SCHEMA_KEY, z.union([z.instanceof(StreamableFile), options.response])),
  );
}
