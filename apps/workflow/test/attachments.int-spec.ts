import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import {
  workflowAttachmentDownload,
  workflowAttachmentList,
  workflowAttachmentRegister,
  workflowCaseSignAgreement,
  workflowLedgerList,
  workflowRequestRaise,
  type CaseView,
  type DomainError,
} from '@daiban/contracts';
import { LocalDiskBlobStorage } from '@daiban/storage';
import { callers, registeredProject, startWorkflow, type WorkflowHarness } from './workflow-harness';

/** A real (tiny) PNG: signature, IHDR, IDAT, IEND. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

describe('attachments', () => {
  let h: WorkflowHarness;
  let store: LocalDiskBlobStorage;
  let kase: CaseView;
  let projectB: string;
  const fails = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: DomainError) => error,
    );

  beforeAll(async () => {
    h = await startWorkflow('2026-02-09T02:00:00Z', { ATTACHMENT_MAX_BYTES: String(1024 * 1024) });
    // The gateway's side of a staged upload: the same store implementation on the same folder.
    store = new LocalDiskBlobStorage(join(h.dataDir, 'blobs'));
    kase = (await registeredProject(h)).kase;
    kase = await h.call(
      workflowCaseSignAgreement,
      { caseId: kase.id, signedOn: '2026-02-09', coverage: 'whole', serviceLevel: 'agency' },
      callers.enterprise,
    );
    projectB = (await registeredProject(h, { enterpriseId: 'ent-2' })).project.projectId;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('judges the type by content: PNG bytes named .pdf are stored as PNG, an .exe named .pdf is refused', async () => {
    const stored = await h.call(
      workflowAttachmentRegister,
      {
        target: { caseId: kase.id },
        kind: 'material',
        filename: '营业执照.pdf',
        content: { base64: png().toString('base64') },
      },
      callers.enterprise,
    );
    expect(stored).toMatchObject({ contentType: 'image/png', filename: '营业执照.pdf', caseId: kase.id });
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]);
    exe.write('PE\0\0', 0x80);
    exe.writeUInt32LE(0x80, 0x3c);
    expect(
      await fails(
        h.call(
          workflowAttachmentRegister,
          {
            target: { caseId: kase.id },
            kind: 'material',
            filename: '承诺书.pdf',
            content: { base64: exe.toString('base64') },
          },
          callers.enterprise,
        ),
      ),
    ).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('accepts OOXML (zip-based) and PDF, and refuses a file over the size limit', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('清单').addRow(['材料', '份数']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const staged = await store.put(xlsx);
    const sheet = await h.call(
      workflowAttachmentRegister,
      {
        target: { itemId: kase.items[0].id },
        kind: 'material',
        filename: 'list.bin',
        content: { staged: staged.sha256 },
      },
      callers.agent,
    );
    expect(sheet.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const big = Buffer.concat([pdf('big'), Buffer.alloc(1024 * 1024)]);
    const bigStaged = await store.put(big);
    expect(
      await fails(
        h.call(
          workflowAttachmentRegister,
          {
            target: { caseId: kase.id },
            kind: 'result',
            filename: '批文.pdf',
            content: { staged: bigStaged.sha256 },
          },
          callers.agent,
        ),
      ),
    ).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(
      await fails(
        h.call(
          workflowAttachmentRegister,
          {
            target: { caseId: kase.id },
            kind: 'result',
            filename: '批文.pdf',
            content: { staged: 'a'.repeat(64) },
          },
          callers.agent,
        ),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('stores identical bytes once (SHA-256) and lists every attachment in the ledger', async () => {
    const bytes = pdf('承诺书');
    const body = (filename: string) => ({
      target: { caseId: kase.id },
      kind: 'commitment_letter' as const,
      filename,
      content: { base64: bytes.toString('base64') },
    });
    const first = await h.call(workflowAttachmentRegister, body('承诺书.pdf'), callers.enterprise);
    const again = await h.call(workflowAttachmentRegister, body('承诺书.pdf'), callers.enterprise);
    const onItem = await h.call(
      workflowAttachmentRegister,
      { ...body('承诺书-副本.pdf'), target: { itemId: kase.items[1].id } },
      callers.agent,
    );
    expect(again.id).toBe(first.id);
    expect(onItem.id).not.toBe(first.id);
    expect(onItem.sha256).toBe(first.sha256);
    const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM blobs WHERE sha256 = $1`, [
      first.sha256,
    ]);
    expect(n).toBe(1);
    const ledger = await h.call(workflowLedgerList, { caseId: kase.id }, callers.agent);
    expect(ledger.entries.filter((e) => e.subject === 'attachment').map((e) => e.attachmentId)).toEqual(
      expect.arrayContaining([first.id, onItem.id]),
    );
    const listed = await h.call(workflowAttachmentList, { caseId: kase.id }, callers.enterprise);
    expect(listed.attachments.map((a) => a.id)).toContain(first.id);
  });

  it('downloads only within scope: another enterprise, park or department gets 404', async () => {
    const bytes = pdf('结果');
    const result = await h.call(
      workflowAttachmentRegister,
      {
        target: { itemId: kase.items[2].id },
        kind: 'result',
        filename: '批文.pdf',
        content: { base64: bytes.toString('base64') },
      },
      callers.agent,
    );
    const mine = await h.call(workflowAttachmentDownload, { attachmentId: result.id }, callers.enterprise);
    expect(Buffer.from(mine.base64!, 'base64')).toEqual(bytes);
    const department = kase.items[2].departmentCode;
    const officer = {
      userId: 'dept-x',
      role: 'department_officer' as const,
      scope: { kind: 'department' as const, departmentCode: department, countyCode: null },
    };
    expect(
      (await h.call(workflowAttachmentDownload, { attachmentId: result.id }, officer)).attachment.id,
    ).toBe(result.id);
    const stranger = { ...officer, scope: { ...officer.scope, departmentCode: 'nobody' } };
    for (const caller of [callers.otherEnterprise, callers.otherPark, stranger, callers.auditor]) {
      expect(
        await fails(h.call(workflowAttachmentDownload, { attachmentId: result.id }, caller)),
      ).toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    expect(
      await fails(h.call(workflowAttachmentList, { caseId: kase.id }, callers.otherEnterprise)),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('links project-level files to the request that cites them, never another enterprise’s', async () => {
    const file = await h.call(
      workflowAttachmentRegister,
      {
        target: { projectId: kase.projectId },
        kind: 'request',
        filename: '现场照片.png',
        content: { base64: png().toString('base64') },
      },
      callers.enterprise,
    );
    expect(
      await fails(
        h.call(
          workflowRequestRaise,
          { projectId: projectB, category: 'other', description: '借用他人附件', attachmentIds: [file.id] },
          callers.otherEnterprise,
        ),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });
    const request = await h.call(
      workflowRequestRaise,
      {
        projectId: kase.projectId,
        category: 'construction',
        description: '道路未通',
        attachmentIds: [file.id],
      },
      callers.enterprise,
    );
    expect(request.attachmentIds).toEqual([file.id]);
    const [{ requestId }] = await h.db.query(
      `SELECT request_id AS "requestId" FROM attachments WHERE id = $1`,
      [file.id],
    );
    expect(requestId).toBe(request.id);
  });
});
