import { Button, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { messages } from '../../i18n/messages';

/** A page's title with its controls on the right, and a line saying what the page is for. */
export function PageHeader({
  title,
  subtitle,
  extra,
}: {
  title: string;
  subtitle?: string;
  extra?: ReactNode;
}) {
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Space>
      {subtitle ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {subtitle}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}

interface SaveBarProps {
  dirty: boolean;
  saving: boolean;
  onSave: () => void;
  onReset: () => void;
  /** `data-testid` of the save button. */
  testId: string;
  children?: ReactNode;
}

/** Save / discard for a page edited as a whole (calendar year, targets), with the unsaved warning. */
export function SaveBar({ dirty, saving, onSave, onReset, testId, children }: SaveBarProps) {
  return (
    <Space wrap style={{ marginTop: 16, width: '100%' }}>
      {children}
      <Button type="primary" onClick={onSave} loading={saving} disabled={!dirty} data-testid={testId}>
        {messages.admin.save}
      </Button>
      {dirty ? (
        <>
          <Button onClick={onReset}>{messages.admin.reset}</Button>
          <Typography.Text type="warning">{messages.admin.unsaved}</Typography.Text>
        </>
      ) : null}
    </Space>
  );
}

interface FormFooterProps {
  onCancel: () => void;
  loading: boolean;
  submitText?: string;
  /** `data-testid` of the submit button. */
  testId?: string;
}

/** Cancel and submit at the foot of a modal form. */
export function FormFooter({ onCancel, loading, submitText, testId }: FormFooterProps) {
  return (
    <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
      <Button onClick={onCancel}>{messages.admin.cancel}</Button>
      <Button type="primary" htmlType="submit" loading={loading} data-testid={testId}>
        {submitText ?? messages.admin.save}
      </Button>
    </Space>
  );
}
