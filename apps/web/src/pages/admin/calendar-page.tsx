import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Space, Tag, Typography } from 'antd';
import { useState, type CSSProperties } from 'react';
import { ApiError, api, unwrap } from '../../api/client';
import { messages } from '../../i18n/messages';
import { formatDate } from '../../lib/format';
import { useAdminMutation, type CalendarYear } from './admin-api';
import { SaveBar } from './admin-ui';
import { YearCard } from './year-card';

const t = messages.calendar;

type DayState = 'workday' | 'weekend' | 'holiday' | 'makeup';

interface Draft {
  holidays: Set<string>;
  makeup: Set<string>;
  source: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** 0 = Monday … 6 = Sunday (the week starts on Monday in China). */
const weekdayOf = (year: number, month: number, day: number) =>
  (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;

function stateOf(draft: Draft, date: string, weekend: boolean): DayState {
  if (draft.makeup.has(date)) return 'makeup';
  if (draft.holidays.has(date)) return 'holiday';
  return weekend ? 'weekend' : 'workday';
}

/** A click moves a weekday between working and off, a weekend day through 调休上班 and 放假 back to rest. */
function nextState(state: DayState, weekend: boolean): DayState {
  if (!weekend) return state === 'holiday' ? 'workday' : 'holiday';
  if (state === 'weekend') return 'makeup';
  if (state === 'makeup') return 'holiday';
  return 'weekend';
}

const STYLES: Record<DayState, CSSProperties> = {
  workday: { background: '#fff', color: 'rgba(0,0,0,0.88)' },
  weekend: { background: '#f5f5f5', color: 'rgba(0,0,0,0.45)' },
  holiday: { background: '#fff1f0', color: '#cf1322', borderColor: '#ffa39e' },
  makeup: { background: '#e6f4ff', color: '#0958d9', borderColor: '#91caff' },
};

/** 节假日日历: one year at a time, twelve months, every day a button; saved as a whole year. */
export function CalendarPage() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const query = useQuery({
    queryKey: ['calendar', year],
    queryFn: async (): Promise<CalendarYear | null> => {
      try {
        return unwrap(await api.GET('/api/v1/calendar/{year}', { params: { path: { year } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });

  return (
    <YearCard
      title={t.title}
      subtitle={t.subtitle}
      testId="calendar-year"
      year={year}
      onYear={setYear}
      query={query}
    >
      {(data) => <CalendarEditor key={`${year}-${data?.revision ?? 0}`} year={year} saved={data} />}
    </YearCard>
  );
}

function draftOf(saved: CalendarYear | null): Draft {
  return {
    holidays: new Set(saved?.holidays),
    makeup: new Set(saved?.makeupWorkdays),
    source: saved?.source ?? '',
  };
}

function CalendarEditor({ year, saved }: { year: number; saved: CalendarYear | null }) {
  const [draft, setDraft] = useState(() => draftOf(saved));
  const [dirty, setDirty] = useState(false);
  const save = useAdminMutation({
    mutationFn: async (body: { holidays: string[]; makeupWorkdays: string[]; source?: string }) =>
      unwrap(await api.PUT('/api/v1/calendar/{year}', { params: { path: { year } }, body })),
    invalidates: ['calendar', year],
    success: (result) => t.savedRecomputed(result.recomputedItems),
  });

  const toggle = (date: string, weekend: boolean) => {
    const next = nextState(stateOf(draft, date, weekend), weekend);
    const holidays = new Set(draft.holidays);
    const makeup = new Set(draft.makeup);
    holidays.delete(date);
    makeup.delete(date);
    if (next === 'holiday') holidays.add(date);
    if (next === 'makeup') makeup.add(date);
    setDraft({ ...draft, holidays, makeup });
    setDirty(true);
  };

  const submit = () =>
    save.mutate({
      holidays: [...draft.holidays].sort(),
      makeupWorkdays: [...draft.makeup].sort(),
      source: draft.source.trim() || undefined,
    });

  return (
    <>
      {saved ? (
        <Typography.Paragraph type="secondary">
          {t.revision(saved.revision, formatDate(saved.updatedAt))}
        </Typography.Paragraph>
      ) : (
        <Alert type="info" showIcon title={t.missing(year)} style={{ marginBottom: 16 }} />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Tag style={STYLES.holiday}>
          {t.holidayMark} {t.legendHoliday}
        </Tag>
        <Tag style={STYLES.makeup}>
          {t.makeupMark} {t.legendMakeup}
        </Tag>
        <Tag style={STYLES.weekend}>{t.legendWeekend}</Tag>
        <Typography.Text data-testid="calendar-counts">
          {t.counts(draft.holidays.size, draft.makeup.size)}
        </Typography.Text>
      </Space>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', gap: 16 }}>
        {Array.from({ length: 12 }, (_, i) => (
          <Month key={i} year={year} month={i + 1} draft={draft} onToggle={toggle} />
        ))}
      </div>
      <SaveBar
        dirty={dirty}
        saving={save.isPending}
        onSave={submit}
        onReset={() => {
          setDraft(draftOf(saved));
          setDirty(false);
        }}
        testId="calendar-save"
      >
        <Typography.Text>{t.source}</Typography.Text>
        <Input
          value={draft.source}
          onChange={(event) => {
            setDraft({ ...draft, source: event.target.value });
            setDirty(true);
          }}
          aria-label={t.source}
          placeholder={t.sourceHint}
          style={{ width: 420, maxWidth: '100%' }}
          data-testid="calendar-source"
        />
      </SaveBar>
    </>
  );
}

interface MonthProps {
  year: number;
  month: number;
  draft: Draft;
  onToggle: (date: string, weekend: boolean) => void;
}

function Month({ year, month, draft, onToggle }: MonthProps) {
  const blanks = weekdayOf(year, month, 1);
  const cell: CSSProperties = { height: 30, fontSize: 13, padding: 0, width: '100%' };
  return (
    <div data-testid={`calendar-month-${month}`}>
      <Typography.Text strong>{t.month(month)}</Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 4 }}>
        {t.weekdays.map((name) => (
          <div key={name} style={{ textAlign: 'center', fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
            {name}
          </div>
        ))}
        {Array.from({ length: blanks }, (_, i) => (
          <div key={`blank-${i}`} />
        ))}
        {Array.from({ length: daysIn(year, month) }, (_, i) => {
          const day = i + 1;
          const date = isoDate(year, month, day);
          const weekend = weekdayOf(year, month, day) >= 5;
          const state = stateOf(draft, date, weekend);
          const mark = state === 'holiday' ? t.holidayMark : state === 'makeup' ? t.makeupMark : '';
          return (
            <Button
              key={date}
              size="small"
              style={{ ...cell, ...STYLES[state] }}
              aria-label={t.dayLabel(date, t.dayStates[state])}
              data-testid={`calendar-day-${date}`}
              data-state={state}
              onClick={() => onToggle(date, weekend)}
            >
              {day}
              {mark ? <sup>{mark}</sup> : null}
            </Button>
          );
        })}
      </div>
    </div>
  );
}
