import { Tag } from 'antd';
import type { ReactElement } from 'react';
import { messages } from '../i18n/messages';

export type Light = 'red' | 'yellow' | 'green' | null | undefined;

const COLORS = { red: 'red', yellow: 'gold', green: 'green' } as const;

/** The 红/黄/绿 light of an item or case as a tag; an item whose clock has not started shows none. */
export function lightTag(light: Light): ReactElement {
  if (!light) return <Tag>{messages.lights.none}</Tag>;
  return (
    <Tag color={COLORS[light]} data-light={light}>
      {messages.lights[light]}
    </Tag>
  );
}
