import {
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FlagOutlined,
  HomeOutlined,
  NotificationOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';
import type { Role } from '../api/me';
import { messages } from '../i18n/messages';

export interface NavEntry {
  /** Stable: the menu item carries `data-testid="nav-<key>"`. */
  key: string;
  path: string;
  label: string;
  icon: ComponentType;
}

const t = messages.nav;
const home: NavEntry = { key: 'home', path: '/', label: t.home, icon: HomeOutlined };

/**
 * The left menu of each role, in order. A new page is one line here (and its route in app.tsx);
 * `/cases/:id` and `/items/:id` are reached from lists, not from the menu.
 */
export const nav: Record<Role, readonly NavEntry[]> = {
  admin: [
    home,
    { key: 'admin-users', path: '/admin/users', label: t.adminUsers, icon: TeamOutlined },
    { key: 'admin-catalog', path: '/admin/catalog', label: t.adminCatalog, icon: BookOutlined },
    { key: 'admin-calendar', path: '/admin/calendar', label: t.adminCalendar, icon: CalendarOutlined },
    { key: 'admin-thresholds', path: '/admin/thresholds', label: t.adminThresholds, icon: DashboardOutlined },
    { key: 'admin-targets', path: '/admin/targets', label: t.adminTargets, icon: FlagOutlined },
    {
      key: 'admin-notification-targets',
      path: '/admin/notification-targets',
      label: t.adminNotificationTargets,
      icon: NotificationOutlined,
    },
  ],
  auditor: [home, { key: 'audit', path: '/audit', label: t.audit, icon: AuditOutlined }],
  agent: [home],
  center_director: [home],
  department_officer: [home],
  enterprise: [home],
  leader: [home],
};

/** The entry a location belongs to: the longest path that is the location or a parent of it. */
export function activeNavKey(entries: readonly NavEntry[], pathname: string): string | undefined {
  let best: NavEntry | undefined;
  for (const entry of entries) {
    const matches =
      entry.path === '/'
        ? pathname === '/'
        : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (matches && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best?.key;
}
