import { messages } from '../../i18n/messages';
import { ItemListCard } from '../items/item-list-card';

/**
 * 部门专办员 home: the items routed to my department (the API scopes the list), most urgent first. Each
 * opens the item page, where the officer accepts, returns for correction, pauses, extends or decides.
 */
export function OfficerHome() {
  const t = messages.items.officer;
  return (
    <ItemListCard
      title={t.title}
      subtitle={t.subtitle}
      emptyText={t.empty}
      mine={false}
      showDepartment={false}
      rowTestId="officer-row"
    />
  );
}
