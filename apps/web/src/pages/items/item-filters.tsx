import { Button, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { departmentsOf, useCatalog } from '../../api/reference';
import type { paths } from '../../api/schema';
import { messages } from '../../i18n/messages';

export type ItemListParams = NonNullable<paths['/api/v1/items']['get']['parameters']['query']>;

export interface ItemFilterValues {
  lights: string[];
  states: string[];
  departmentCode?: string;
  q?: string;
}

export const NO_FILTERS: ItemFilterValues = { lights: [], states: [] };

const t = messages.items.filters;
const LIGHTS = ['red', 'yellow', 'green'] as const;

/**
 * The API's query parameters for the filters: lists comma-separated. A state filter asks for exactly the
 * chosen states, finished ones included (the list otherwise shows open items only).
 */
export function filterParams(filters: ItemFilterValues): Partial<ItemListParams> {
  const params: Partial<ItemListParams> = {};
  if (filters.lights.length > 0) params.lights = filters.lights.join(',');
  if (filters.states.length > 0) {
    params.states = filters.states.join(',');
    params.openOnly = 'false';
  }
  if (filters.departmentCode) params.departmentCode = filters.departmentCode;
  const q = filters.q?.trim();
  if (q) params.q = q;
  return params;
}

export interface ItemFiltersProps {
  value: ItemFilterValues;
  onChange(value: ItemFilterValues): void;
  showDepartment: boolean;
}

/** Light, state, department and text filters above a worklist; every change goes to the server. */
export function ItemFilters({ value, onChange, showDepartment }: ItemFiltersProps) {
  const catalog = useCatalog(undefined, showDepartment);
  const departments = departmentsOf(catalog.data).map((d) => ({ value: d.code, label: d.name }));
  const [text, setText] = useState(value.q ?? '');
  const set = (patch: Partial<ItemFilterValues>) => onChange({ ...value, ...patch });
  const empty = value.lights.length === 0 && value.states.length === 0 && !value.departmentCode && !value.q;
  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} data-testid="item-filters">
      <Select
        mode="multiple"
        allowClear
        placeholder={t.light}
        aria-label={t.light}
        value={value.lights}
        onChange={(lights) => set({ lights })}
        options={LIGHTS.map((light) => ({ value: light, label: messages.lights[light] }))}
        style={{ minWidth: 150 }}
        data-testid="item-filter-light"
      />
      <Select
        mode="multiple"
        allowClear
        placeholder={t.state}
        aria-label={t.state}
        value={value.states}
        onChange={(states) => set({ states })}
        options={Object.entries(messages.itemStates).map(([state, label]) => ({ value: state, label }))}
        style={{ minWidth: 180, maxWidth: 360 }}
        maxTagCount={2}
        data-testid="item-filter-state"
      />
      {showDepartment ? (
        <Select
          allowClear
          placeholder={t.department}
          aria-label={t.department}
          value={value.departmentCode}
          onChange={(departmentCode?: string) => set({ departmentCode })}
          options={departments}
          loading={catalog.isFetching}
          style={{ minWidth: 160 }}
          data-testid="item-filter-department"
        />
      ) : null}
      <Input.Search
        allowClear
        placeholder={t.search}
        aria-label={t.search}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        style={{ width: 300, maxWidth: '100%' }}
        data-testid="item-filter-text"
      />
      {empty ? null : (
        <Button
          onClick={() => {
            setText('');
            onChange(NO_FILTERS);
          }}
          data-testid="item-filter-reset"
        >
          {t.reset}
        </Button>
      )}
    </Flex>
  );
}
