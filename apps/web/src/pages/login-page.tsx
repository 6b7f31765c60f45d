import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../api/client';
import { useAuth, type LoginRedirect } from '../auth/auth-context';
import { messages } from '../i18n/messages';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage() {
  const { status, signIn } = useAuth();
  const navigate = useNavigate();
  const redirect = (useLocation().state ?? {}) as LoginRedirect;
  const target = redirect.from && redirect.from !== '/login' ? redirect.from : '/';
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (status === 'signed-in') return <Navigate to={target} replace />;

  const submit = async (values: Credentials) => {
    setSubmitting(true);
    setError(null);
    try {
      const { data, error: failure } = await api.POST('/api/v1/auth/login', { body: values });
      if (!data) {
        setError(errorMessage(failure));
        return;
      }
      signIn(data);
      navigate(target, { replace: true });
    } catch (thrown) {
      setError(errorMessage(thrown));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380, maxWidth: '92vw' }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {messages.app.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {messages.auth.loginTitle}
        </Typography.Paragraph>
        {redirect.expired && !error ? (
          <Alert type="warning" showIcon title={messages.auth.sessionExpired} style={{ marginBottom: 16 }} />
        ) : null}
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label={messages.auth.username}
            rules={[{ required: true, message: messages.auth.usernameRequired }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={messages.auth.password}
            rules={[{ required: true, message: messages.auth.passwordRequired }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {messages.auth.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
