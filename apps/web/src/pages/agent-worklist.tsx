import { messages } from '../i18n/messages';
import { ItemListCard } from './items/item-list-card';

/** 代办员 home: the open items of my cases, most urgent first, filtered and paged by the server. */
export function AgentWorklist() {
  const t = messages.worklist;
  return (
    <ItemListCard
      title={t.title}
      subtitle={t.subtitle}
      emptyText={t.empty}
      mine
      showDepartment
      rowTestId="worklist-row"
    />
  );
}
