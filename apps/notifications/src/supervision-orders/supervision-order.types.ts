import type { DeadlineKind, Place, SupervisionOrderStatus } from '@daiban/contracts';

export type IssuerLevel = 'park' | 'county' | 'city';

export interface SupervisionOrder {
  id: string;
  number: string;
  origin: 'automatic' | 'manual';
  status: SupervisionOrderStatus;
  version: number;
  subjectKind: DeadlineKind;
  subjectId: string;
  subjectTitle: string;
  deadlineKey: string | null;
  deadlineVersion: number | null;
  place: Place;
  toDepartmentCode: string;
  issuerLevel: IssuerLevel;
  issuedByUserId: string | null;
  reason: string;
  feedbackDays: number;
  feedbackRound: number;
  feedback: string | null;
  reviewNote: string | null;
  issuedAt: Date;
  signedAt: Date | null;
  feedbackAt: Date | null;
  reviewedAt: Date | null;
  closedAt: Date | null;
  feedbackDueAt: Date | null;
}
