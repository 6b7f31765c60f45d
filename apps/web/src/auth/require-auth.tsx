import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { messages } from '../i18n/messages';
import { useAuth, type LoginRedirect } from './auth-context';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, expired } = useAuth();
  const location = useLocation();
  if (status === 'restoring') {
    return (
      <div style={{ padding: 96, textAlign: 'center' }}>
        <Spin description={messages.common.loading} size="large">
          <div style={{ height: 48 }} />
        </Spin>
      </div>
    );
  }
  if (status === 'signed-out') {
    const state: LoginRedirect = { from: `${location.pathname}${location.search}`, expired };
    return <Navigate to="/login" replace state={state} />;
  }
  return <>{children}</>;
}
