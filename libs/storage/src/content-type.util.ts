import FileType from 'file-type';

/** What a file is, judged by its bytes, never by its name. */
export interface SniffedType {
  ext: string;
  mime: string;
}

/**
 * Types accepted as materials, 承诺书, correction notices and results: PDF, images, OOXML (docx/xlsx/pptx,
 * which file-type tells apart inside the zip) and legacy Office (one CFB container for doc/xls/ppt).
 */
export const ACCEPTED_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  tif: 'image/tiff',
  bmp: 'image/bmp',
  webp: 'image/webp',
  gif: 'image/gif',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  cfb: 'application/x-cfb',
};

/** file-type needs at most this many leading bytes (its `minimumBytes` plus zip member headers). */
export const SNIFF_BYTES = 64 * 1024;

export async function sniffContentType(head: Buffer): Promise<SniffedType | null> {
  const found = await FileType.fromBuffer(head);
  if (!found || !(found.ext in ACCEPTED_TYPES)) return null;
  return { ext: found.ext, mime: ACCEPTED_TYPES[found.ext] };
}
