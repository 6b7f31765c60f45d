import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@daiban/calendar';
import {
  DomainError,
  INLINE_ATTACHMENT_MAX_BYTES,
  type AttachmentView,
  type Caller,
  type RpcRequest,
  type workflowAttachmentRegister,
} from '@daiban/contracts';
import { sha256Of, sniffContentType, type BlobStorage } from '@daiban/storage';
import { CasesRepository } from '../cases/cases.repository';
import { assertRole, assertVisible, requireCaller } from '../common/caller.util';
import { MSG } from '../common/workflow-messages.constant';
import { WORKFLOW_CONFIG, type WorkflowConfig } from '../config';
import { ItemsRepository } from '../items/items.repository';
import { LedgerRepository } from '../ledger/ledger.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import { AttachmentsRepository, type AttachmentRow } from './attachments.repository';
import { BLOB_STORAGE } from './blob-storage.provider';

type RegisterInput = RpcRequest<typeof workflowAttachmentRegister>;
type Target = RegisterInput['target'];

const UPLOADERS = ['admin', 'center_director', 'agent', 'department_officer', 'enterprise'] as const;
const READERS = [...UPLOADERS, 'leader'] as const;

interface Resolved {
  projectId: string;
  caseId: string | null;
  itemId: string | null;
  place: { enterpriseId: string; parkId: string; countyCode: string; departmentCodes: string[] };
}

@Injectable()
export class AttachmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WORKFLOW_CONFIG) private readonly config: WorkflowConfig,
    @Inject(BLOB_STORAGE) private readonly blobs: BlobStorage,
    private readonly clock: Clock,
    private readonly attachments: AttachmentsRepository,
    private readonly projects: ProjectsRepository,
    private readonly cases: CasesRepository,
    private readonly items: ItemsRepository,
    private readonly ledger: LedgerRepository,
  ) {}

  async register(callerOrNull: Caller | null, input: RegisterInput): Promise<AttachmentView> {
    const caller = requireCaller(callerOrNull);
    // Scope before anything touches the bytes: outside it the target does not exist.
    const target = await this.resolve(this.dataSource.manager, caller, input.target);
    assertRole(caller, UPLOADERS);
    const { bytes, sha256 } = await this.bytesOf(input.content);
    const type = await sniffContentType(bytes);
    if (!type) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', MSG.attachmentTypeRejected);
    if ('base64' in input.content) await this.blobs.put(bytes);
    return this.dataSource.transaction(async (manager) => {
      await this.attachments.upsertBlob(manager, sha256, bytes.length, type.mime);
      const same = await this.attachments.findSame(manager, {
        sha256,
        kind: input.kind,
        projectId: target.projectId,
        caseId: target.caseId,
        itemId: target.itemId,
      });
      if (same) return this.view(same);
      const now = this.clock.now();
      const id = randomUUID();
      await this.attachments.insert(manager, {
        id,
        sha256,
        kind: input.kind,
        filename: input.filename,
        projectId: target.projectId,
        caseId: target.caseId,
        itemId: target.itemId,
        requestId: null,
        enterpriseId: target.place.enterpriseId,
        parkId: target.place.parkId,
        countyCode: target.place.countyCode,
        departmentCode: target.itemId ? (target.place.departmentCodes[0] ?? null) : null,
        uploadedBy: caller.userId,
        uploadedRole: caller.role,
        uploadedAt: now,
      });
      await this.ledger.append(manager, {
        caseId: target.caseId,
        itemId: target.itemId,
        attachmentId: id,
        projectId: target.projectId,
        subject: 'attachment',
        action: 'attach',
        from: null,
        to: null,
        actorUserId: caller.userId,
        actorRole: caller.role,
        effectiveAt: now,
        recordedAt: now,
        fields: {
          kind: input.kind,
          filename: input.filename,
          contentType: type.mime,
          size: bytes.length,
          sha256,
        },
        note: null,
      });
      return this.view((await this.attachments.get(manager, id))!);
    });
  }

  async list(callerOrNull: Caller | null, target: Target) {
    const caller = requireCaller(callerOrNull);
    const resolved = await this.resolve(this.dataSource.manager, caller, target);
    assertRole(caller, READERS);
    const column = 'itemId' in target ? 'item_id' : 'caseId' in target ? 'case_id' : 'project_id';
    const id = resolved.itemId ?? resolved.caseId ?? resolved.projectId;
    const rows = await this.attachments.list(this.dataSource.manager, caller.scope, {
      column,
      id: column === 'project_id' ? resolved.projectId : id,
    });
    return { attachments: rows.map((row) => this.view(row)) };
  }

  async download(callerOrNull: Caller | null, attachmentId: string) {
    const caller = requireCaller(callerOrNull);
    const row = await this.attachments.get(this.dataSource.manager, attachmentId);
    assertVisible(
      caller,
      row && {
        enterpriseId: row.enterpriseId,
        parkId: row.parkId,
        countyCode: row.countyCode,
        departmentCodes: row.departmentCode ? [row.departmentCode] : [],
      },
      MSG.attachmentNotFound,
    );
    assertRole(caller, READERS);
    const base64 =
      row!.size <= INLINE_ATTACHMENT_MAX_BYTES
        ? (await this.blobs.get(row!.sha256)).toString('base64')
        : null;
    return { attachment: this.view(row!), base64 };
  }

  /** The bytes, checked: staged blobs are re-hashed, since the shared store is only as honest as its writers. */
  private async bytesOf(content: RegisterInput['content']): Promise<{ bytes: Buffer; sha256: string }> {
    if ('base64' in content) {
      const bytes = Buffer.from(content.base64, 'base64');
      if (bytes.length > INLINE_ATTACHMENT_MAX_BYTES) {
        throw new DomainError('PAYLOAD_TOO_LARGE', MSG.attachmentInlineTooLarge);
      }
      return { bytes, sha256: sha256Of(bytes) };
    }
    const info = await this.blobs.stat(content.staged);
    if (!info) throw new DomainError('VALIDATION_FAILED', MSG.attachmentNotStaged);
    if (info.size > this.config.ATTACHMENT_MAX_BYTES) {
      throw new DomainError('PAYLOAD_TOO_LARGE', MSG.attachmentTooLarge(this.config.ATTACHMENT_MAX_BYTES));
    }
    const bytes = await this.blobs.get(content.staged);
    if (sha256Of(bytes) !== content.staged) throw new DomainError('VALIDATION_FAILED', MSG.attachmentCorrupt);
    return { bytes, sha256: content.staged };
  }

  private async resolve(manager: EntityManager, caller: Caller, target: Target): Promise<Resolved> {
    if ('itemId' in target) {
      const item = await this.items.get(manager, target.itemId);
      const kase = item && (await this.cases.get(manager, item.caseId));
      const place = kase && {
        enterpriseId: kase.project.enterpriseId,
        parkId: kase.project.parkId,
        countyCode: kase.project.countyCode,
        departmentCodes: [item!.departmentCode],
      };
      assertVisible(caller, place, MSG.itemNotFound);
      return { projectId: kase!.project.projectId, caseId: kase!.row.id, itemId: item!.id, place: place! };
    }
    if ('caseId' in target) {
      const kase = await this.cases.get(manager, target.caseId);
      const place = kase && {
        enterpriseId: kase.project.enterpriseId,
        parkId: kase.project.parkId,
        countyCode: kase.project.countyCode,
        departmentCodes: kase.departmentCodes,
      };
      assertVisible(caller, place, MSG.caseNotFound);
      return { projectId: kase!.project.projectId, caseId: kase!.row.id, itemId: null, place: place! };
    }
    const project = await this.projects.get(manager, target.projectId);
    const place = project && {
      enterpriseId: project.enterpriseId,
      parkId: project.parkId,
      countyCode: project.countyCode,
      departmentCodes: [],
    };
    assertVisible(caller, place, MSG.projectNotFound);
    return { projectId: project!.projectId, caseId: null, itemId: null, place: place! };
  }

  private view(row: AttachmentRow): AttachmentView {
    return {
      id: row.id,
      projectId: row.projectId,
      caseId: row.caseId,
      itemId: row.itemId,
      requestId: row.requestId,
      kind: row.kind,
      filename: row.filename,
      contentType: row.contentType,
      size: Number(row.size),
      sha256: row.sha256,
      uploadedBy: row.uploadedBy,
      uploadedAt: new Date(row.uploadedAt).toISOString(),
    };
  }
}
