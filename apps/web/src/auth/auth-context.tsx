import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, refreshSession, setSessionExpiredHandler } from '../api/client';
import { clearTokens, getAccessToken, getRefreshToken, setTokens, type Tokens } from './session';

type Status = 'restoring' | 'signed-in' | 'signed-out';

interface AuthState {
  status: Status;
  /** The session ended by itself (not by signing out): the login page says so. */
  expired: boolean;
  signIn(tokens: Tokens): void;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** Where the user was, so login can bring them back. */
export interface LoginRedirect {
  from?: string;
  expired?: boolean;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>(() =>
    getAccessToken() ? 'signed-in' : getRefreshToken() ? 'restoring' : 'signed-out',
  );
  const [expired, setExpired] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  // A reloaded tab still holds its refresh token: renew the session instead of asking again.
  useEffect(() => {
    if (status !== 'restoring') return;
    void refreshSession().then((ok) => setStatus(ok ? 'signed-in' : 'signed-out'));
  }, [status]);

  // RequireAuth alone redirects to login: a second navigate from here raced with its <Navigate>
  // (router updates run in a transition) and the notice's `expired` flag was lost.
  useEffect(() => {
    setSessionExpiredHandler(() => {
      setExpired(true);
      setStatus('signed-out');
      queryClient.clear();
    });
  }, [queryClient]);

  const signIn = useCallback((tokens: Tokens) => {
    setTokens(tokens);
    setExpired(false);
    setStatus('signed-in');
  }, []);

  const signOut = useCallback(async () => {
    const refreshToken = getRefreshToken();
    if (refreshToken)
      await api.POST('/api/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
    clearTokens();
    queryClient.clear();
    setStatus('signed-out');
    navigate('/login', { replace: true });
  }, [navigate, queryClient]);

  const value = useMemo(() => ({ status, expired, signIn, signOut }), [status, expired, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
