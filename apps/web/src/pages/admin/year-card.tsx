import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Card, Select, Spin } from 'antd';
import type { ReactNode } from 'react';
import { messages } from '../../i18n/messages';
import { PageHeader } from './admin-ui';

/** Last year to two years ahead (a 国务院 calendar is published each autumn), and the year shown. */
export function yearOptions(selected: number, thisYear = new Date().getFullYear()) {
  const years = new Set([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, selected]);
  return [...years]
    .sort((a, b) => a - b)
    .map((value) => ({ value, label: messages.admin.yearOption(value) }));
}

interface YearCardProps<T> {
  title: string;
  subtitle: string;
  /** `data-testid` of the year picker. */
  testId: string;
  year: number;
  onYear: (year: number) => void;
  query: UseQueryResult<T, Error>;
  children: (data: T) => ReactNode;
}

/** A page edited one year at a time: title, year picker, then the year's data once it is loaded. */
export function YearCard<T>({ title, subtitle, testId, year, onYear, query, children }: YearCardProps<T>) {
  return (
    <Card>
      <PageHeader
        title={title}
        subtitle={subtitle}
        extra={
          <Select
            value={year}
            onChange={onYear}
            options={yearOptions(year)}
            style={{ width: 120 }}
            aria-label={messages.admin.year}
            data-testid={testId}
          />
        }
      />
      {query.isPending ? (
        <Spin description={messages.common.loading}>
          <div style={{ height: 120 }} />
        </Spin>
      ) : query.isError ? (
        <Alert type="error" showIcon title={query.error.message} />
      ) : (
        children(query.data)
      )}
    </Card>
  );
}
