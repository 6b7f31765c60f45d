import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth/require-auth';
import { AppLayout } from './layout/app-layout';
import { CasePage } from './pages/case-page';
import { NoticePage } from './pages/case/notice-page';
import { HomeRoute } from './pages/home-page';
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
        <Route path="/cases/:id/notice" element={<NoticePage />} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
