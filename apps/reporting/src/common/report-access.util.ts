import { DomainError, type Caller, type Role } from '@daiban/contracts';
import { MSG } from './reporting-messages.constant';

/**
 * Who reads reports: leaders (city or county), park center directors and agents (their park), department
 * officers (their department's items only — project-level sections come back empty for them). Enterprises
 * and auditors are refused; the admin configures targets but reads no business data (三权分立).
 */
export const REPORT_READERS: readonly Role[] = ['leader', 'center_director', 'agent', 'department_officer'];

export function requireReportReader(caller: Caller | null): Caller {
  if (!caller) throw new DomainError('UNAUTHENTICATED', MSG.noCaller);
  if (!REPORT_READERS.includes(caller.role)) throw new DomainError('FORBIDDEN', MSG.reportsForbidden);
  return caller;
}

export function requireTargetsReader(caller: Caller | null): Caller {
  if (!caller) throw new DomainError('UNAUTHENTICATED', MSG.noCaller);
  if (caller.role === 'admin') return caller;
  return requireReportReader(caller);
}

export function requireAdmin(caller: Caller | null): Caller {
  if (!caller) throw new DomainError('UNAUTHENTICATED', MSG.noCaller);
  if (caller.role !== 'admin') throw new DomainError('FORBIDDEN', MSG.targetsForbidden);
  return caller;
}
