import { TaskForcesRepository } from '../task-forces/task-forces.repository';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReminderRung } from '@daiban/contracts';
import { RecipientDirectory } from '../recipients/recipient-directory.port';
import { unknownRecipient, type Recipient } from '../recipients/recipient.types';
import type { TemplateId } from '../templates/templates.catalog';
import type { Deadline } from './deadline.types';

export interface RungPlan {
  template: TemplateId;
  recipients: Recipient[];
  /** Red on an item or 企业诉求: the park center issues a 督办单 to each department. */
  issueSupervisionOrders: boolean;
}

const TEMPLATE_OF: Record<ReminderRung, TemplateId> = {
  yellow: 'reminder.yellow',
  red: 'reminder.red',
  escalate_3wd: 'reminder.escalate_3wd',
  major_red: 'reminder.major_red',
  escalate_10wd: 'reminder.escalate_10wd',
};

/**
 * Who hears of each rung (DOMAIN.md "Lights and escalation"), resolved when it fires so that today's
 * director or leader is told, not the one in office when the deadline was set:
 * yellow → agent + department officer; red → center director (+ 督办单 to the department);
 * 3 WD overdue or red on a major project → 专班 lead + county leaders; 10 WD → city leaders.
 * For a 督办单's own feedback deadline the department is the one late, and the issuer takes the director's place.
 */
@Injectable()
export class EscalationLadder {
  constructor(
    private readonly directory: RecipientDirectory,
    private readonly taskForces: TaskForcesRepository,
  ) {}

  /**
   * `m`: the firing's transaction. Reading through the pool instead took a second connection per firing
   * while the first was held, and a burst of firings (bench B4: 10,000 due in one minute) queued for them.
   */
  async planFor(deadline: Deadline, rung: ReminderRung, m?: EntityManager): Promise<RungPlan> {
    const { place, subjects } = deadline;
    const named = (ids: ReadonlyArray<string | null | undefined>) => this.named(ids, m);
    const recipients: Recipient[] = [];
    const feedback = deadline.kind === 'supervision_feedback';
    switch (rung) {
      case 'yellow': {
        recipients.push(
          ...(await named([subjects.agentUserId, ...(subjects.departmentOfficerUserIds ?? [])])),
        );
        if (feedback || !subjects.departmentOfficerUserIds?.length) {
          recipients.push(...(await this.departmentOfficers(deadline, m)));
        }
        if (deadline.kind === 'commitment' || deadline.kind === 'deficiency') {
          recipients.push(...(await named(subjects.enterpriseUserIds ?? [])));
        }
        break;
      }
      case 'red':
        recipients.push(...(await this.directory.find({ role: 'center_director', parkId: place.parkId }, m)));
        if (feedback) recipients.push(...(await named([subjects.issuerUserId])));
        break;
      case 'escalate_3wd':
      case 'major_red':
        recipients.push(
          ...(await named([
            subjects.taskForceLeadUserId ??
              (subjects.projectId ? await this.taskForces.leadOf(subjects.projectId, m) : null),
          ])),
        );
        recipients.push(...(await this.directory.find({ role: 'leader', countyCode: place.countyCode }, m)));
        break;
      case 'escalate_10wd':
        recipients.push(...(await this.directory.find({ role: 'leader', city: true }, m)));
        break;
    }
    return {
      template: TEMPLATE_OF[rung],
      recipients,
      issueSupervisionOrders: rung === 'red' && (deadline.kind === 'item' || deadline.kind === 'request'),
    };
  }

  private departmentOfficers(deadline: Deadline, m?: EntityManager): Promise<Recipient[]> {
    if (!deadline.place.departmentCodes.length) return Promise.resolve([]);
    return this.directory.find(
      {
        role: 'department_officer',
        departmentCodes: deadline.place.departmentCodes,
        countyCode: deadline.place.countyCode,
      },
      m,
    );
  }

  /** People named by id; ones the directory does not know yet still get their inbox entry. */
  private async named(
    ids: ReadonlyArray<string | null | undefined>,
    m?: EntityManager,
  ): Promise<Recipient[]> {
    const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    const known = new Map((await this.directory.findByIds(wanted, m)).map((r) => [r.userId, r]));
    return wanted.map((id) => known.get(id) ?? unknownRecipient(id));
  }
}
