import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth/require-auth';
import { AppLayout } from './layout/app-layout';
import { AdminHome } from './pages/admin/admin-home';
import { CalendarPage } from './pages/admin/calendar-page';
import { CatalogPage } from './pages/admin/catalog-page';
import { NotificationTargetsPage } from './pages/admin/notification-targets-page';
import { TargetsPage } from './pages/admin/targets-page';
import { ThresholdsPage } from './pages/admin/thresholds-page';
import { UsersPage } from './pages/admin/users-page';
import { AuditPage } from './pages/audit/audit-page';
import { CasePage } from './pages/case-page';
import { ProjectProgressPage } from './pages/enterprise/project-progress-page';
import { RegisterProjectPage } from './pages/enterprise/register-project-page';
import { NoticePage } from './pages/case/notice-page';
import { HomeRoute } from './pages/home-page';
import { ItemPage } from './pages/items/item-page';
import { LoginPage } from './pages/login-page';

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomeRoute />} />
        <Route path="/cases/:id" element={<CasePage />} />
        <Route path="/admin" element={<AdminHome />} />
        <Route path="/admin/users" element={<UsersPage />} />
        <Route path="/admin/catalog" element={<CatalogPage />} />
        <Route path="/admin/calendar" element={<CalendarPage />} />
        <Route path="/admin/thresholds" element={<ThresholdsPage />} />
        <Route path="/admin/targets" element={<TargetsPage />} />
        <Route path="/admin/notification-targets" element={<NotificationTargetsPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="/items/:id" element={<ItemPage />} />
        <Route path="/my/projects/new" element={<RegisterProjectPage />} />
        <Route path="/my/projects/:id" element={<ProjectProgressPage />} />
        <Route path="/cases/:id/notice" element={<NoticePage />} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
