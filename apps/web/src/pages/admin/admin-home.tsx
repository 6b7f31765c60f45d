import { Card, Col, Row, Typography } from 'antd';
import { createElement } from 'react';
import { Link } from 'react-router-dom';
import { messages } from '../../i18n/messages';
import { nav } from '../../layout/nav';

const t = messages.admin;

/** 系统管理员 home: a card for each page of the admin menu. */
export function AdminHome() {
  const pages = nav.admin.filter((entry) => entry.path !== '/');
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t.homeTitle}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.homeSubtitle}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {pages.map((entry) => (
          <Col key={entry.key} xs={24} md={12} xl={8}>
            <Link to={entry.path} data-testid={`admin-home-${entry.key}`}>
              <Card
                hoverable
                title={entry.label}
                extra={createElement(entry.icon)}
                style={{ height: '100%' }}
              >
                <Typography.Text type="secondary">{t.homeCards[entry.key]}</Typography.Text>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
