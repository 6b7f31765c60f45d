import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { QueryView } from '../../components/query-view';
import { messages } from '../../i18n/messages';
import { formatDate } from '../../lib/format';
import { useCase } from '../case-page';
import { NoticeList } from './notice-list';

const t = messages.notice;

// On paper only the notice is printed: the app's header, the buttons and the card chrome go.
const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 16mm; }
  .ant-layout-header, .no-print { display: none !important; }
  .ant-layout-content { padding: 0 !important; }
  .notice-card, .notice-card .ant-card-body { border: none !important; box-shadow: none !important; }
  .notice-card .ant-card-body { padding: 0 !important; }
  .notice-item { break-inside: avoid; }
}`;

/** `/cases/:id/notice`: the 一次性告知 material list as a page to print and hand to the enterprise. */
export function NoticePage() {
  const { id = '' } = useParams();
  const query = useCase(id);
  return (
    <>
      <style>{PRINT_CSS}</style>
      <Flex className="no-print" justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Link to={`/cases/${id}?tab=notice`}>{t.back}</Link>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          disabled={!query.isSuccess}
          data-testid="notice-print"
        >
          {t.print}
        </Button>
      </Flex>
      <QueryView query={query}>
        {(detail) => (
          <Card className="notice-card" data-testid="notice-page">
            <Typography.Title level={3} style={{ marginTop: 0, textAlign: 'center' }}>
              {t.title(detail.projectName)}
            </Typography.Title>
            <Typography.Paragraph>{t.intro}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">
              {detail.projectCode ? `${messages.caseTabs.projectCode}：${detail.projectCode} · ` : null}
              {t.generated(formatDate(new Date()))}
            </Typography.Paragraph>
            <NoticeList detail={detail} />
          </Card>
        )}
      </QueryView>
    </>
  );
}
