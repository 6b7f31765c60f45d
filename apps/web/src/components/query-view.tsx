import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Spin } from 'antd';
import type { ReactNode } from 'react';
import { messages } from '../i18n/messages';

/** A query's three faces: a spinner while it loads, the API's message if it failed, else the page. */
export function QueryView<T>({
  query,
  children,
}: {
  query: UseQueryResult<T, Error>;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <Spin description={messages.common.loading}>
        <div style={{ height: 120 }} />
      </Spin>
    );
  }
  if (query.isError) return <Alert type="error" showIcon title={query.error.message} />;
  return <>{children(query.data)}</>;
}
